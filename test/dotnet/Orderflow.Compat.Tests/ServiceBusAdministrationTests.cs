using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using Xunit;

namespace Orderflow.Compat.Tests;

/// <summary>
/// The unmodified ServiceBusAdministrationClient against the broker's ATOM/REST administration API (`--admin-port`):
/// with `UseDevelopmentEmulator=true` the client speaks plain http to the host and port of the connection string, as
/// it does with the official emulator's port 5300.
/// </summary>
public sealed class ServiceBusAdministrationTests : IAsyncLifetime
{
    private readonly ServiceBusAdministrationClient _admin = new(Endpoints.ServiceBusAdmin, new ServiceBusAdministrationClientOptions { Retry = { MaxRetries = 0 } });
    private readonly ServiceBusClient _client = new(Endpoints.ServiceBus);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task QueueCreateGetUpdateListRuntimeCountsAndDelete()
    {
        var created = await _admin.CreateQueueAsync(new CreateQueueOptions("net-admin-q") { MaxDeliveryCount = 4, LockDuration = TimeSpan.FromSeconds(45) });
        Assert.Equal(("net-admin-q", 4, TimeSpan.FromSeconds(45)), (created.Value.Name, created.Value.MaxDeliveryCount, created.Value.LockDuration));
        Assert.True((await _admin.QueueExistsAsync("net-admin-q")).Value);

        var props = (await _admin.GetQueueAsync("net-admin-q")).Value;
        props.MaxDeliveryCount = 7;
        var updated = await _admin.UpdateQueueAsync(props);
        Assert.Equal(7, updated.Value.MaxDeliveryCount);
        Assert.Equal(7, (await _admin.GetQueueAsync("net-admin-q")).Value.MaxDeliveryCount);

        var names = new List<string>();
        await foreach (var q in _admin.GetQueuesAsync()) names.Add(q.Name);
        Assert.Contains("net-admin-q", names);
        Assert.Contains("net-basic", names);

        // The new queue carries messages over AMQP at once; runtime properties count them.
        await using var sender = _client.CreateSender("net-admin-q");
        await sender.SendMessagesAsync(Enumerable.Range(0, 3).Select(i => new ServiceBusMessage($"{i}")));
        await sender.ScheduleMessageAsync(new ServiceBusMessage("later"), DateTimeOffset.UtcNow.AddHours(1));
        var runtime = (await _admin.GetQueueRuntimePropertiesAsync("net-admin-q")).Value;
        Assert.Equal((4L, 3L, 1L, 0L), (runtime.TotalMessageCount, runtime.ActiveMessageCount, runtime.ScheduledMessageCount, runtime.DeadLetterMessageCount));

        await _admin.DeleteQueueAsync("net-admin-q");
        Assert.False((await _admin.QueueExistsAsync("net-admin-q")).Value);
        var missing = await Assert.ThrowsAsync<ServiceBusException>(() => _admin.GetQueueAsync("net-admin-q"));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, missing.Reason);
    }

    [Fact]
    public async Task TopicSubscriptionAndRuleLifecycle()
    {
        await _admin.CreateTopicAsync("net-admin-t");
        await _admin.CreateSubscriptionAsync(
            new CreateSubscriptionOptions("net-admin-t", "eu"),
            new CreateRuleOptions("eu-only", new SqlRuleFilter("region = 'eu'")));
        Assert.Equal("net-admin-t", (await _admin.GetTopicAsync("net-admin-t")).Value.Name);
        Assert.Equal("eu", (await _admin.GetSubscriptionAsync("net-admin-t", "eu")).Value.SubscriptionName);

        await _admin.CreateRuleAsync("net-admin-t", "eu", new CreateRuleOptions("vip", new CorrelationRuleFilter { Subject = "vip" }));
        var rules = new List<string>();
        await foreach (var r in _admin.GetRulesAsync("net-admin-t", "eu")) rules.Add(r.Name);
        Assert.Equal(new[] { "eu-only", "vip" }, rules.OrderBy(n => n));
        var eu = (await _admin.GetRuleAsync("net-admin-t", "eu", "eu-only")).Value;
        Assert.Equal("region = 'eu'", ((SqlRuleFilter)eu.Filter).SqlExpression);

        // The rules route over AMQP: one matching, one not.
        await using var sender = _client.CreateSender("net-admin-t");
        var hit = new ServiceBusMessage("eu") { MessageId = "eu" };
        hit.ApplicationProperties["region"] = "eu";
        var miss = new ServiceBusMessage("us") { MessageId = "us" };
        miss.ApplicationProperties["region"] = "us";
        await sender.SendMessagesAsync(new[] { hit, miss });
        var subRuntime = (await _admin.GetSubscriptionRuntimePropertiesAsync("net-admin-t", "eu")).Value;
        Assert.Equal(1L, subRuntime.ActiveMessageCount);

        await _admin.DeleteRuleAsync("net-admin-t", "eu", "vip");
        rules.Clear();
        await foreach (var r in _admin.GetRulesAsync("net-admin-t", "eu")) rules.Add(r.Name);
        Assert.Equal(new[] { "eu-only" }, rules);

        await _admin.DeleteSubscriptionAsync("net-admin-t", "eu");
        Assert.False((await _admin.SubscriptionExistsAsync("net-admin-t", "eu")).Value);
        await _admin.DeleteTopicAsync("net-admin-t");
        Assert.False((await _admin.TopicExistsAsync("net-admin-t")).Value);
    }
}
