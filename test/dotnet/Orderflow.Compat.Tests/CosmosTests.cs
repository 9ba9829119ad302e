using System.Net;
using Microsoft.Azure.Cosmos;
using Xunit;

namespace Orderflow.Compat.Tests;

/// <summary>Microsoft.Azure.Cosmos (Gateway mode) against the Cosmos DB emulator: CRUD, queries, batch, patch, change feed.</summary>
public sealed class CosmosTests : IDisposable
{
    private readonly CosmosClient _client = Cosmos.Client();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task CrudWithETags()
    {
        var c = await Cosmos.FreshContainer(_client, "crud");
        var created = await c.CreateItemAsync(new Item { Id = "a", Pk = "p", N = 1 }, new PartitionKey("p"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False(string.IsNullOrEmpty(created.ETag));

        var conflict = await Assert.ThrowsAsync<CosmosException>(() => c.CreateItemAsync(new Item { Id = "a", Pk = "p" }, new PartitionKey("p")));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        var replaced = await c.ReplaceItemAsync(new Item { Id = "a", Pk = "p", N = 2 }, "a", new PartitionKey("p"), new ItemRequestOptions { IfMatchEtag = created.ETag });
        Assert.NotEqual(created.ETag, replaced.ETag);
        var stale = await Assert.ThrowsAsync<CosmosException>(() => c.ReplaceItemAsync(new Item { Id = "a", Pk = "p", N = 3 }, "a", new PartitionKey("p"), new ItemRequestOptions { IfMatchEtag = created.ETag }));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        var read = await c.ReadItemAsync<Item>("a", new PartitionKey("p"));
        Assert.Equal(2, read.Resource.N);
        Assert.Equal(replaced.ETag, read.ETag);
        var upserted = await c.UpsertItemAsync(new Item { Id = "a", Pk = "p", N = 4 }, new PartitionKey("p"));
        Assert.Equal(HttpStatusCode.OK, upserted.StatusCode);

        await c.DeleteItemAsync<Item>("a", new PartitionKey("p"));
        var missing = await Assert.ThrowsAsync<CosmosException>(() => c.ReadItemAsync<Item>("a", new PartitionKey("p")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ParameterisedQueryPagesWithContinuation()
    {
        var c = await Cosmos.FreshContainer(_client, "query");
        for (var i = 0; i < 60; i++) await c.CreateItemAsync(new Item { Id = $"i{i:D2}", Pk = i % 2 == 0 ? "even" : "odd", N = i }, new PartitionKey(i % 2 == 0 ? "even" : "odd"));

        var query = new QueryDefinition("SELECT * FROM c WHERE c.n >= @min ORDER BY c.n").WithParameter("@min", 10);
        var options = new QueryRequestOptions { MaxItemCount = 7 };
        var got = new List<int>();
        string? continuation = null;
        var pages = 0;
        do
        {
            // A new iterator per page, resumed from the previous page's token, as an HTTP API paging its callers does.
            using var it = c.GetItemQueryIterator<Item>(query, continuation, options);
            var page = await it.ReadNextAsync();
            Assert.True(page.Count <= 7);
            got.AddRange(page.Select(x => x.N));
            continuation = page.ContinuationToken;
            pages++;
        } while (continuation != null && pages < 100);
        Assert.Equal(Enumerable.Range(10, 50), got);
        Assert.True(pages >= 8, $"{pages} pages");

        using var inPartition = c.GetItemQueryIterator<Item>(new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk").WithParameter("@pk", "odd"), requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey("odd") });
        var odd = new List<Item>();
        while (inPartition.HasMoreResults) odd.AddRange(await inPartition.ReadNextAsync());
        Assert.Equal(30, odd.Count);
    }

    [Fact]
    public async Task PatchSetsIncrementsAddsAndRemoves()
    {
        var c = await Cosmos.FreshContainer(_client, "patch");
        await c.CreateItemAsync(new Item { Id = "x", Pk = "p", N = 1, Tags = new[] { "a" } }, new PartitionKey("p"));
        var patched = await c.PatchItemAsync<Item>("x", new PartitionKey("p"), new[]
        {
            PatchOperation.Increment("/n", 41),
            PatchOperation.Add("/tags/-", "b"),
        });
        Assert.Equal(42, patched.Resource.N);
        Assert.Equal(new[] { "a", "b" }, patched.Resource.Tags);
        patched = await c.PatchItemAsync<Item>("x", new PartitionKey("p"), new[] { PatchOperation.Set("/n", 7), PatchOperation.Remove("/tags") });
        Assert.Equal(7, patched.Resource.N);
        Assert.Null(patched.Resource.Tags);

        var conditional = await Assert.ThrowsAsync<CosmosException>(() => c.PatchItemAsync<Item>("x", new PartitionKey("p"), new[] { PatchOperation.Set("/n", 8) }, new PatchItemRequestOptions { FilterPredicate = "FROM c WHERE c.n = 0" }));
        Assert.Equal(HttpStatusCode.PreconditionFailed, conditional.StatusCode);
    }

    [Fact]
    public async Task ChangeFeedPullModelResumesFromItsContinuation()
    {
        var c = await Cosmos.FreshContainer(_client, "pull");
        for (var i = 0; i < 25; i++) await c.CreateItemAsync(new Item { Id = $"a{i}", Pk = $"p{i % 3}", N = i }, new PartitionKey($"p{i % 3}"));

        var (first, token) = await Drain(c.GetChangeFeedIterator<Item>(ChangeFeedStartFrom.Beginning(), ChangeFeedMode.LatestVersion, new ChangeFeedRequestOptions { PageSizeHint = 10 }));
        Assert.Equal(25, first.Count);

        for (var i = 25; i < 40; i++) await c.CreateItemAsync(new Item { Id = $"a{i}", Pk = $"p{i % 3}", N = i }, new PartitionKey($"p{i % 3}"));
        await c.UpsertItemAsync(new Item { Id = "a0", Pk = "p0", N = 100 }, new PartitionKey("p0"));
        var (second, _) = await Drain(c.GetChangeFeedIterator<Item>(ChangeFeedStartFrom.ContinuationToken(token), ChangeFeedMode.LatestVersion));
        Assert.Equal(Enumerable.Range(25, 15).Select(i => $"a{i}").Append("a0").OrderBy(x => x), second.Select(x => x.Id).OrderBy(x => x));
        Assert.Equal(100, second.Single(x => x.Id == "a0").N);
    }

    private static async Task<(List<Item> items, string token)> Drain(FeedIterator<Item> it)
    {
        var items = new List<Item>();
        for (var i = 0; i < 1000; i++)
        {
            var page = await it.ReadNextAsync();
            if (page.StatusCode == HttpStatusCode.NotModified) return (items, page.ContinuationToken);
            items.AddRange(page);
        }
        throw new InvalidOperationException("the change feed never reported NotModified");
    }
}
