using System.Net;
using Microsoft.Azure.Cosmos;
using Xunit;

namespace Orderflow.Compat.Tests;

/// <summary>
/// TransactionalBatch and AllowBulkExecution, which the .NET SDK sends in the HybridRow binary format (RecordIO of
/// BatchOperation rows) and reads back as BatchResult rows: the emulator's tools/cosmos/hybridRow codec.
/// </summary>
public sealed class CosmosBatchTests : IDisposable
{
    private readonly CosmosClient _client = Cosmos.Client();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task TransactionalBatchCommitsAllOrNothing()
    {
        var c = await Cosmos.FreshContainer(_client, "batch");
        await c.CreateItemAsync(new Item { Id = "existing", Pk = "p", N = 1 }, new PartitionKey("p"));

        using (var ok = await c.CreateTransactionalBatch(new PartitionKey("p"))
            .CreateItem(new Item { Id = "b1", Pk = "p" })
            .ReplaceItem("existing", new Item { Id = "existing", Pk = "p", N = 2 })
            .ReadItem("b1")
            .ExecuteAsync())
        {
            Assert.True(ok.IsSuccessStatusCode, ok.ErrorMessage);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(3, ok.Count);
            Assert.Equal(new[] { HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK }, ok.Select(r => r.StatusCode));
            Assert.False(string.IsNullOrEmpty(ok[0].ETag));
            Assert.Equal(2, ok.GetOperationResultAtIndex<Item>(1).Resource.N);
            Assert.Equal("b1", ok.GetOperationResultAtIndex<Item>(2).Resource.Id);
        }

        // The second create conflicts: the SDK promotes its 409 to the batch's status, the others are 424
        // (Failed Dependency), and the first create is rolled back.
        using (var failed = await c.CreateTransactionalBatch(new PartitionKey("p"))
            .CreateItem(new Item { Id = "b2", Pk = "p" })
            .CreateItem(new Item { Id = "b1", Pk = "p" })
            .ReplaceItem("existing", new Item { Id = "existing", Pk = "p", N = 3 })
            .ExecuteAsync())
        {
            Assert.False(failed.IsSuccessStatusCode);
            Assert.Equal(HttpStatusCode.Conflict, failed.StatusCode);
            Assert.Equal(new[] { (HttpStatusCode)424, HttpStatusCode.Conflict, (HttpStatusCode)424 }, failed.Select(r => r.StatusCode));
        }
        var b2 = await Assert.ThrowsAsync<CosmosException>(() => c.ReadItemAsync<Item>("b2", new PartitionKey("p")));
        Assert.Equal(HttpStatusCode.NotFound, b2.StatusCode);
        Assert.Equal(2, (await c.ReadItemAsync<Item>("existing", new PartitionKey("p"))).Resource.N);
    }

    [Fact]
    public async Task PatchPreconditionsAndMinimalResponsesInsideABatch()
    {
        var c = await Cosmos.FreshContainer(_client, "batchpatch");
        var x = await c.CreateItemAsync(new Item { Id = "x", Pk = "p", N = 1, Tags = new[] { "a" } }, new PartitionKey("p"));

        using (var patched = await c.CreateTransactionalBatch(new PartitionKey("p"))
            .PatchItem("x", new[] { PatchOperation.Increment("/n", 41), PatchOperation.Add("/tags/-", "b") })
            .PatchItem("x", new[] { PatchOperation.Set("/n", 50) }, new TransactionalBatchPatchItemRequestOptions { FilterPredicate = "FROM c WHERE c.n = 42" })
            .UpsertItem(new Item { Id = "quiet", Pk = "p", N = 9 }, new TransactionalBatchItemRequestOptions { EnableContentResponseOnWrite = false })
            .ExecuteAsync())
        {
            Assert.True(patched.IsSuccessStatusCode, patched.ErrorMessage);
            // Each result's stream is read once: the SDK's serializer disposes it.
            var first = patched.GetOperationResultAtIndex<Item>(0).Resource;
            Assert.Equal(42, first.N);
            Assert.Equal(new[] { "a", "b" }, first.Tags);
            Assert.Equal(50, patched.GetOperationResultAtIndex<Item>(1).Resource.N);
            Assert.Equal(HttpStatusCode.Created, patched[2].StatusCode);
            Assert.Null(patched[2].ResourceStream);
        }

        // A patch whose filter does not hold fails the batch with 412 and undoes the delete before it; so does
        // a stale IfMatchEtag.
        using (var unmet = await c.CreateTransactionalBatch(new PartitionKey("p"))
            .DeleteItem("quiet")
            .PatchItem("x", new[] { PatchOperation.Set("/n", 0) }, new TransactionalBatchPatchItemRequestOptions { FilterPredicate = "FROM c WHERE c.n = 1" })
            .ExecuteAsync())
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, unmet.StatusCode);
            Assert.Equal(new[] { (HttpStatusCode)424, HttpStatusCode.PreconditionFailed }, unmet.Select(r => r.StatusCode));
        }
        using (var stale = await c.CreateTransactionalBatch(new PartitionKey("p"))
            .ReplaceItem("x", new Item { Id = "x", Pk = "p", N = 7 }, new TransactionalBatchItemRequestOptions { IfMatchEtag = x.ETag })
            .ExecuteAsync())
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }
        Assert.Equal(9, (await c.ReadItemAsync<Item>("quiet", new PartitionKey("p"))).Resource.N);
        Assert.Equal(50, (await c.ReadItemAsync<Item>("x", new PartitionKey("p"))).Resource.N);
    }

    [Fact]
    public async Task BulkExecutionCreatesThousandsAndReportsEachConflict()
    {
        using var bulk = Cosmos.Client(bulk: true);
        var c = (await Cosmos.FreshContainer(_client, "bulk")).Id;
        var container = bulk.GetContainer("dotnet", c);
        const int count = 1200;
        var created = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            container.CreateItemAsync(new Item { Id = $"i{i}", Pk = $"p{i % 12}", N = i }, new PartitionKey($"p{i % 12}"))));
        Assert.All(created, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        // In bulk mode each operation stands alone: the duplicates fail with 409 and the new ones succeed.
        var outcomes = await Task.WhenAll(Enumerable.Range(count - 50, 100).Select(async i =>
        {
            try
            {
                return (await container.CreateItemAsync(new Item { Id = $"i{i}", Pk = $"p{i % 12}", N = i }, new PartitionKey($"p{i % 12}"))).StatusCode;
            }
            catch (CosmosException e)
            {
                return e.StatusCode;
            }
        }));
        Assert.Equal(50, outcomes.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(50, outcomes.Count(s => s == HttpStatusCode.Created));

        using var it = _client.GetContainer("dotnet", c).GetItemQueryIterator<int>("SELECT VALUE COUNT(1) FROM c");
        var total = 0;
        while (it.HasMoreResults) total += (await it.ReadNextAsync()).Sum();
        Assert.Equal(count + 50, total);
    }
}
