using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Xunit;

namespace Orderflow.Compat.Tests;

/// <summary>ServiceBusProcessor and ServiceBusSessionProcessor: what the Functions Service Bus trigger runs on.</summary>
public sealed class ServiceBusProcessorTests : IAsyncLifetime
{
    // Past every credit window and 2^n boundary the broker handles (a link's 2,048-delivery window among them) by
    // about 5x; a processor with 16 concurrent calls keeps many credits outstanding at once.
    private const int Count = 10_000;
    private readonly ServiceBusClient _client = new(Endpoints.ServiceBus);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task ProcessorWith16ConcurrentCallsCompletesAll10000()
    {
        await using var sender = _client.CreateSender("net-processor");
        var queued = 0;
        while (queued < Count)
        {
            using var batch = await sender.CreateMessageBatchAsync();
            while (queued < Count && batch.TryAddMessage(new ServiceBusMessage($"{{\"n\":{queued}}}") { MessageId = $"p-{queued}" })) queued++;
            await sender.SendMessagesAsync(batch);
        }

        var seen = new ConcurrentDictionary<string, int>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = 0;
        var maxInFlight = 0;
        await using var processor = _client.CreateProcessor("net-processor", new ServiceBusProcessorOptions { MaxConcurrentCalls = 16, AutoCompleteMessages = true });
        processor.ProcessMessageAsync += async args =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            await Task.Yield();
            seen.AddOrUpdate(args.Message.MessageId, 1, (_, n) => n + 1);
            Interlocked.Decrement(ref inFlight);
            if (seen.Count == Count) all.TrySetResult();
        };
        var errors = new ConcurrentQueue<Exception>();
        processor.ProcessErrorAsync += args => { errors.Enqueue(args.Exception); return Task.CompletedTask; };
        await processor.StartProcessingAsync();
        var finished = await Task.WhenAny(all.Task, Task.Delay(TimeSpan.FromMinutes(3)));
        await processor.StopProcessingAsync();

        Assert.True(finished == all.Task, $"only {seen.Count} of {Count} messages arrived; errors: {string.Join("; ", errors.Select(e => e.Message).Take(3))}");
        Assert.Empty(errors);
        Assert.True(maxInFlight > 1, "the processor never ran two handlers at once");
        await using var receiver = _client.CreateReceiver("net-processor");
        Assert.Null(await receiver.PeekMessageAsync());
        // Nothing dead-lettered on the way: a message the SDK released unseen is not a delivery attempt.
        await using var deadLetters = _client.CreateReceiver("net-processor", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        Assert.Null(await deadLetters.PeekMessageAsync());
    }

    [Fact]
    public async Task SessionProcessorKeepsEachSessionInOrder()
    {
        const int sessions = 8, perSession = 50;
        await using var sender = _client.CreateSender("net-sessions");
        for (var s = 0; s < sessions; s++)
        {
            var messages = Enumerable.Range(0, perSession).Select(i => new ServiceBusMessage($"{i}") { SessionId = $"s-{s}", MessageId = $"s-{s}-{i}" });
            await sender.SendMessagesAsync(messages);
        }

        var received = new ConcurrentDictionary<string, ConcurrentQueue<int>>();
        var total = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var processor = _client.CreateSessionProcessor("net-sessions", new ServiceBusSessionProcessorOptions { MaxConcurrentSessions = 4, SessionIdleTimeout = TimeSpan.FromSeconds(2) });
        processor.ProcessMessageAsync += async args =>
        {
            received.GetOrAdd(args.Message.SessionId, _ => new()).Enqueue(int.Parse(args.Message.Body.ToString()));
            await args.SetSessionStateAsync(BinaryData.FromString(args.Message.Body.ToString()));
            if (Interlocked.Increment(ref total) == sessions * perSession) all.TrySetResult();
        };
        var errors = new ConcurrentQueue<Exception>();
        processor.ProcessErrorAsync += args => { errors.Enqueue(args.Exception); return Task.CompletedTask; };
        await processor.StartProcessingAsync();
        var finished = await Task.WhenAny(all.Task, Task.Delay(TimeSpan.FromMinutes(2)));
        await processor.StopProcessingAsync();

        Assert.True(finished == all.Task, $"{total} of {sessions * perSession} arrived; errors: {string.Join("; ", errors.Select(e => e.Message).Take(3))}");
        Assert.Equal(sessions, received.Count);
        foreach (var (_, order) in received) Assert.Equal(Enumerable.Range(0, perSession), order.ToArray());

        await using var session = await _client.AcceptSessionAsync("net-sessions", "s-3");
        Assert.Equal($"{perSession - 1}", (await session.GetSessionStateAsync()).ToString());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
