using Azure.Messaging.ServiceBus;
using Xunit;

namespace Orderflow.Compat.Tests;

/// <summary>Topic subscriptions with a correlation filter and a SQL filter (rules from Config.json).</summary>
public sealed class ServiceBusTopicTests : IAsyncLifetime
{
    private readonly ServiceBusClient _client = new(Endpoints.ServiceBus);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task SubscriptionsGetWhatTheirFiltersMatch()
    {
        await using var sender = _client.CreateSender("net-events");
        ServiceBusMessage Order(string id, string region, int amount) =>
            new($"order {id}") { MessageId = id, Subject = "order", ApplicationProperties = { ["region"] = region, ["amount"] = amount } };
        await sender.SendMessagesAsync(new[] { Order("eu-small", "eu", 5), Order("us-big", "us", 500), Order("eu-big", "eu", 100) });
        await sender.SendMessageAsync(new ServiceBusMessage("not an order") { MessageId = "note", Subject = "note", ApplicationProperties = { ["region"] = "eu", ["amount"] = 1000 } });

        Assert.Equal(new[] { "eu-big", "eu-small", "note", "us-big" }, await Drain("all", 4));
        Assert.Equal(new[] { "eu-big", "eu-small" }, await Drain("eu", 2));
        Assert.Equal(new[] { "eu-big", "us-big" }, await Drain("big", 2));
    }

    private async Task<string[]> Drain(string subscription, int expected)
    {
        await using var receiver = _client.CreateReceiver("net-events", subscription, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        var ids = new List<string>();
        for (var round = 0; round < 10 && ids.Count < expected; round++)
        {
            ids.AddRange((await receiver.ReceiveMessagesAsync(10, TimeSpan.FromSeconds(3))).Select(m => m.MessageId));
        }
        // Nothing beyond what the filter matches.
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)));
        return ids.OrderBy(id => id, StringComparer.Ordinal).ToArray();
    }
}
