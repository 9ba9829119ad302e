using Microsoft.Azure.Cosmos;

namespace Orderflow.Compat.Tests;

/// <summary>An item as the tests write it; Newtonsoft.Json (the SDK's serializer) maps the lower-case names.</summary>
public sealed class Item
{
    [Newtonsoft.Json.JsonProperty("id")] public string Id { get; set; } = "";
    [Newtonsoft.Json.JsonProperty("pk")] public string Pk { get; set; } = "";
    [Newtonsoft.Json.JsonProperty("n")] public int N { get; set; }
    [Newtonsoft.Json.JsonProperty("tags")] public string[]? Tags { get; set; }
}

public static class Cosmos
{
    /// <summary>Gateway mode, as the emulators need and as host.json's `connectionMode: Gateway` gives the Functions trigger.</summary>
    public static CosmosClient Client(bool bulk = false) => new(Endpoints.CosmosEndpoint, Endpoints.CosmosKey, new CosmosClientOptions
    {
        ConnectionMode = ConnectionMode.Gateway,
        AllowBulkExecution = bulk,
        LimitToEndpoint = true,
    });

    /// <summary>A fresh container (unique name) in the `dotnet` database, partitioned on /pk.</summary>
    public static async Task<Container> FreshContainer(CosmosClient client, string prefix, string partitionKey = "/pk")
    {
        // Bounded: a request the SDK keeps retrying fails the test with the SDK's diagnostics instead of hanging it.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Database db = await client.CreateDatabaseIfNotExistsAsync("dotnet", cancellationToken: cts.Token);
        ContainerResponse c = await db.CreateContainerIfNotExistsAsync($"{prefix}-{Guid.NewGuid():N}", partitionKey, cancellationToken: cts.Token);
        return c.Container;
    }
}
