using System.Collections.Concurrent;
using Microsoft.Azure.Cosmos;
using Xunit;

namespace Orderflow.Compat.Tests;

/// <summary>
/// The Change Feed Processor with a lease container: what the Functions Cosmos DB trigger runs on. Delivery is at
/// least once, so the invariant is "every written id arrives", duplicates allowed.
/// </summary>
public sealed class ChangeFeedProcessorTests : IDisposable
{
    private const int Writes = 10_000;
    private readonly CosmosClient _client = Cosmos.Client();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task AProcessorStoppedMidStreamAndASecondOneLoseNothing()
    {
        var items = await Cosmos.FreshContainer(_client, "cfp-items");
        var leases = await Cosmos.FreshContainer(_client, "cfp-leases", "/id");
        var seen = new ConcurrentDictionary<string, int>();
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        ChangeFeedProcessor Build(string instance) => items
            .GetChangeFeedProcessorBuilder<Item>("orders-projection", (IReadOnlyCollection<Item> changes, CancellationToken _) =>
            {
                foreach (var change in changes) seen.AddOrUpdate(change.Id, 1, (_, n) => n + 1);
                if (seen.Count >= Writes / 3) halfway.TrySetResult();
                if (seen.Count == Writes) all.TrySetResult();
                return Task.CompletedTask;
            })
            .WithInstanceName(instance)
            .WithLeaseContainer(leases)
            .WithStartTime(DateTime.MinValue.ToUniversalTime())
            .WithPollInterval(TimeSpan.FromMilliseconds(200))
            .WithMaxItems(500)
            .Build();

        var first = Build("host-a");
        await first.StartAsync();
        var writer = WriteAll(items);

        await Wait(halfway.Task, seen, "the first processor");
        await first.StopAsync();
        var second = Build("host-b");
        await second.StartAsync();
        await writer;
        await Wait(all.Task, seen, "the second processor");
        await second.StopAsync();

        Assert.Equal(Writes, seen.Count);
        var leaseDocs = new List<dynamic>();
        using var it = leases.GetItemQueryIterator<dynamic>("SELECT * FROM c");
        while (it.HasMoreResults) leaseDocs.AddRange(await it.ReadNextAsync());
        Assert.NotEmpty(leaseDocs);
    }

    private static async Task WriteAll(Container items)
    {
        using var gate = new SemaphoreSlim(16);
        var tasks = Enumerable.Range(0, Writes).Select(async i =>
        {
            await gate.WaitAsync();
            try { await items.CreateItemAsync(new Item { Id = $"w{i}", Pk = $"c{i % 50}", N = i }, new PartitionKey($"c{i % 50}")); }
            finally { gate.Release(); }
        });
        await Task.WhenAll(tasks);
    }

    private static async Task Wait(Task task, ConcurrentDictionary<string, int> seen, string who)
    {
        var done = await Task.WhenAny(task, Task.Delay(TimeSpan.FromMinutes(4)));
        Assert.True(done == task, $"{who}: {seen.Count} of {Writes} changes arrived");
    }
}
