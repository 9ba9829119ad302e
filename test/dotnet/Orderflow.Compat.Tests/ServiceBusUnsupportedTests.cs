using System.Transactions;
using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using Xunit;

namespace Orderflow.Compat.Tests;

/// <summary>What the broker does not offer fails with an error the SDK surfaces, never silently.</summary>
public sealed class ServiceBusUnsupportedTests : IAsyncLifetime
{
    private readonly ServiceBusClient _client = new(Endpoints.ServiceBus);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task ATransactionIsRefusedAndSendsNothing()
    {
        await using var sender = _client.CreateSender("net-tx");
        var error = await Record.ExceptionAsync(async () =>
        {
            using var scope = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled);
            await sender.SendMessageAsync(new ServiceBusMessage("in a transaction") { MessageId = "tx" });
            scope.Complete();
        });
        // The broker refuses the coordinator link with amqp:not-implemented at once; the SDK maps it to NotSupportedException.
        Assert.IsType<NotSupportedException>(error);
        Assert.StartsWith("A transaction (a link to the transaction coordinator) is not supported by the offline Service Bus emulator.", error.Message);
        await using var receiver = _client.CreateReceiver("net-tx");
        Assert.Null(await receiver.PeekMessageAsync());
    }

    [Fact]
    public async Task TheAdministrationClientGetsAnError()
    {
        var admin = new ServiceBusAdministrationClient(Endpoints.ServiceBus, new ServiceBusAdministrationClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(10) } });
        var error = await Record.ExceptionAsync(() => admin.GetQueueRuntimePropertiesAsync("net-tx"));
        Assert.NotNull(error);
        Console.WriteLine($"administration: {error.GetType().Name}: {error.Message}");
        // The broker is still there for everyone else.
        await using var sender = _client.CreateSender("net-tx");
        await sender.SendMessageAsync(new ServiceBusMessage("after") { MessageId = "after" });
        await using var receiver = _client.CreateReceiver("net-tx", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        Assert.Equal("after", (await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10)))?.MessageId);
    }
}
