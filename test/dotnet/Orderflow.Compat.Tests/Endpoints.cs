namespace Orderflow.Compat.Tests;

/// <summary>Where the emulators listen: set by test/dotnet/dotnetSuite.itest.ts, which starts them on free ports.</summary>
public static class Endpoints
{
    public static string ServiceBus => Required("SERVICEBUS_CONNECTION");
    /// <summary>The same with the administration API's port (`--admin-port`): what ServiceBusAdministrationClient takes.</summary>
    public static string ServiceBusAdmin => Required("SERVICEBUS_ADMIN_CONNECTION");
    public static string CosmosEndpoint => Required("COSMOS_ENDPOINT");
    public static string CosmosKey => Required("COSMOS_KEY");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name)
        ?? throw new InvalidOperationException($"{name} is not set: run the suite through `npx jest test/dotnet -i`");
}
