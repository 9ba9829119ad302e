using Azure.Messaging.ServiceBus;
using Xunit;

namespace Orderflow.Compat.Tests;

/// <summary>Send, receive, settle, peek, defer and schedule with Azure.Messaging.ServiceBus over a development-emulator connection string.</summary>
public sealed class ServiceBusBasicsTests : IAsyncLifetime
{
    private readonly ServiceBusClient _client = new(Endpoints.ServiceBus);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task SingleAndBatchSendThenReceiveAndComplete()
    {
        await using var sender = _client.CreateSender("net-basic");
        await sender.SendMessageAsync(new ServiceBusMessage("one") { MessageId = "m-0", Subject = "single" });
        using var batch = await sender.CreateMessageBatchAsync();
        for (var i = 1; i <= 100; i++)
        {
            Assert.True(batch.TryAddMessage(new ServiceBusMessage($"body-{i}") { MessageId = $"m-{i}" }));
        }
        await sender.SendMessagesAsync(batch);

        await using var receiver = _client.CreateReceiver("net-basic");
        var seen = new HashSet<string>();
        for (var round = 0; round < 50 && seen.Count < 101; round++)
        {
            var messages = await receiver.ReceiveMessagesAsync(50, TimeSpan.FromSeconds(5));
            foreach (var m in messages)
            {
                // The SDK releases (AMQP `released`) what reaches its prefetch-0 link after a receive call returned; a
                // released message was never attempted, so it comes back with its count unchanged.
                Assert.Equal(1, m.DeliveryCount);
                Assert.True(seen.Add(m.MessageId), $"{m.MessageId} delivered twice");
                await receiver.CompleteMessageAsync(m);
            }
        }
        Assert.Equal(101, seen.Count);
        Assert.Null(await receiver.PeekMessageAsync());
    }

    [Fact]
    public async Task PeekDeferAndReceiveDeferred()
    {
        await using var sender = _client.CreateSender("net-settle");
        await sender.SendMessageAsync(new ServiceBusMessage("later") { MessageId = "defer-me" });
        await using var receiver = _client.CreateReceiver("net-settle");

        var peeked = await receiver.PeekMessageAsync();
        Assert.NotNull(peeked);
        Assert.Equal("defer-me", peeked.MessageId);

        var m = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(m);
        await receiver.DeferMessageAsync(m);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1)));

        var deferred = await receiver.ReceiveDeferredMessageAsync(m.SequenceNumber);
        Assert.Equal("defer-me", deferred.MessageId);
        Assert.Equal(ServiceBusMessageState.Deferred, deferred.State);
        await receiver.CompleteMessageAsync(deferred);
        Assert.Null(await receiver.PeekMessageAsync());
    }

    [Fact]
    public async Task DeadLetterWithReasonIsReadFromOrdersDeadLetterQueue()
    {
        await using var sender = _client.CreateSender("orders");
        await sender.SendMessageAsync(new ServiceBusMessage("{}") { MessageId = $"dlq-{Guid.NewGuid()}" });
        await using var receiver = _client.CreateReceiver("orders");
        var m = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(m);
        await receiver.DeadLetterMessageAsync(m, "PoisonOrder", "customer id missing");

        await using var dlq = _client.CreateReceiver("orders", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        Assert.Equal("orders/$DeadLetterQueue", dlq.EntityPath);
        var dead = await dlq.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(dead);
        Assert.Equal(m.MessageId, dead.MessageId);
        Assert.Equal("PoisonOrder", dead.DeadLetterReason);
        Assert.Equal("customer id missing", dead.DeadLetterErrorDescription);
        Assert.Equal(ServiceBusMessageState.Active, dead.State);
        await dlq.CompleteMessageAsync(dead);
    }

    [Fact]
    public async Task AbandonUntilMaxDeliveryCountDeadLetters()
    {
        await using var sender = _client.CreateSender("net-abandon");
        await sender.SendMessageAsync(new ServiceBusMessage("poison") { MessageId = "poison" });
        await using var receiver = _client.CreateReceiver("net-abandon");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var m = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
            Assert.NotNull(m);
            Assert.Equal(attempt, m.DeliveryCount);
            await receiver.AbandonMessageAsync(m, new Dictionary<string, object> { ["attempt"] = attempt });
        }
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1)));
        await using var dlq = _client.CreateReceiver("net-abandon", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await dlq.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(dead);
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        // Properties to modify arrive decoded (rhea): an integer is stored as an AMQP int, what .NET sent.
        Assert.Equal(3, Assert.IsType<int>(dead.ApplicationProperties["attempt"]));
        await dlq.CompleteMessageAsync(dead);
    }

    [Fact]
    public async Task ScheduleAndCancel()
    {
        await using var sender = _client.CreateSender("net-schedule");
        await using var receiver = _client.CreateReceiver("net-schedule");
        // Cancelled long before it is due: no race with the clock, however slow the machine.
        var later = DateTimeOffset.UtcNow.AddHours(1);
        var cancelled = await sender.ScheduleMessageAsync(new ServiceBusMessage("cancelled") { MessageId = "cancelled" }, later);
        var held = await receiver.PeekMessageAsync(fromSequenceNumber: cancelled);
        Assert.NotNull(held);
        Assert.Equal(("cancelled", ServiceBusMessageState.Scheduled), (held.MessageId, held.State));
        Assert.Equal(later.ToUnixTimeMilliseconds(), held.ScheduledEnqueueTime.ToUnixTimeMilliseconds());
        await sender.CancelScheduledMessageAsync(cancelled);
        Assert.Null(await receiver.PeekMessageAsync(fromSequenceNumber: cancelled));

        // Due soon: arrives once due, enqueued no earlier than its schedule.
        var at = DateTimeOffset.UtcNow.AddSeconds(2);
        var kept = await sender.ScheduleMessageAsync(new ServiceBusMessage("kept") { MessageId = "kept" }, at);
        var m = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(m);
        Assert.Equal(("kept", kept), (m.MessageId, m.SequenceNumber));
        // Azure reports a once-scheduled message as Scheduled when received too (issue 18 item 3).
        Assert.Equal(ServiceBusMessageState.Scheduled, m.State);
        Assert.True(m.EnqueuedTime >= at.AddMilliseconds(-50), $"enqueued {m.EnqueuedTime:O}, scheduled {at:O}");
        await receiver.CompleteMessageAsync(m);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task ApplicationPropertiesKeepTheirClrTypes()
    {
        var when = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var id = Guid.NewGuid();
        var sent = new Dictionary<string, object>
        {
            ["int"] = 7, ["long"] = 7L, ["short"] = (short)7, ["byte"] = (byte)7, ["sbyte"] = (sbyte)7,
            ["ushort"] = (ushort)7, ["uint"] = 7u, ["ulong"] = 7ul, ["float"] = 1.5f, ["double"] = 1.5d,
            ["char"] = 'c', ["bool"] = true, ["string"] = "s", ["guid"] = id, ["datetime"] = when,
            ["bytes"] = new byte[] { 1, 2, 3 },
            ["timespan"] = TimeSpan.FromSeconds(90), ["uri"] = new Uri("https://example.org/x"),
            ["datetimeoffset"] = new DateTimeOffset(when),
        };
        await using var sender = _client.CreateSender("net-settle");
        var single = new ServiceBusMessage("typed") { MessageId = "typed" };
        foreach (var (k, v) in sent) single.ApplicationProperties[k] = v;
        await sender.SendMessageAsync(single);
        await using var receiver = _client.CreateReceiver("net-settle");
        var m = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(m);
        foreach (var (k, v) in sent)
        {
            Assert.True(m.ApplicationProperties.TryGetValue(k, out var got), $"{k} missing");
            Assert.Equal((k, v.GetType()), (k, got.GetType()));
            Assert.Equal(v, got);
        }
        // Dead-lettering adds its reason and keeps the sender's types.
        await receiver.DeadLetterMessageAsync(m, "typed", "kept");
        await using var dlq = _client.CreateReceiver("net-settle", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await dlq.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(dead);
        Assert.IsType<int>(dead.ApplicationProperties["int"]);
        Assert.IsType<Guid>(dead.ApplicationProperties["guid"]);
        Assert.IsType<float>(dead.ApplicationProperties["float"]);
        await dlq.CompleteMessageAsync(dead);
    }

    [Fact]
    public async Task DuplicateDetectionDropsARepeatedMessageId()
    {
        await using var sender = _client.CreateSender("net-dedupe");
        await sender.SendMessageAsync(new ServiceBusMessage("first") { MessageId = "same" });
        await sender.SendMessageAsync(new ServiceBusMessage("second") { MessageId = "same" });
        await sender.SendMessageAsync(new ServiceBusMessage("other") { MessageId = "other" });
        await using var receiver = _client.CreateReceiver("net-dedupe", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        var bodies = new List<string>();
        for (var round = 0; round < 10 && bodies.Count < 2; round++)
        {
            foreach (var m in await receiver.ReceiveMessagesAsync(10, TimeSpan.FromSeconds(3))) bodies.Add(m.Body.ToString());
        }
        Assert.Equal(new[] { "first", "other" }, bodies);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task LockRenewalThenLockLost()
    {
        await using var sender = _client.CreateSender("net-shortlock");
        await sender.SendMessageAsync(new ServiceBusMessage("slow") { MessageId = "slow" });
        await using var first = _client.CreateReceiver("net-shortlock");
        var m = await first.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(m);
        var before = m.LockedUntil;
        await first.RenewMessageLockAsync(m);
        Assert.True(m.LockedUntil >= before, $"renewed lock {m.LockedUntil:O} < {before:O}");

        // Once the lock lapses the message is redelivered; the first holder's settlement must then fail.
        await using var second = _client.CreateReceiver("net-shortlock");
        var again = await second.ReceiveMessageAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(again);
        Assert.Equal(2, again.DeliveryCount);
        var lost = await Assert.ThrowsAsync<ServiceBusException>(() => first.CompleteMessageAsync(m));
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, lost.Reason);
        await second.CompleteMessageAsync(again);
    }

    [Fact]
    public async Task TtlExpiryMovesTheMessageToTheDeadLetterQueue()
    {
        await using var sender = _client.CreateSender("net-ttl");
        await sender.SendMessageAsync(new ServiceBusMessage("stale") { MessageId = "stale" });
        await using var dlq = _client.CreateReceiver("net-ttl", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await dlq.ReceiveMessageAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(dead);
        Assert.Equal("stale", dead.MessageId);
        Assert.Equal("TTLExpiredException", dead.DeadLetterReason);
        await dlq.CompleteMessageAsync(dead);
    }
}
