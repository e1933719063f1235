using CallCenterSdk.Crm.Knowledge;
using CallCenterSdk.Crm.Tests.Support;

namespace CallCenterSdk.Crm.Tests.Contract;

public abstract class KnowledgeBaseContract(IStoreFactory factory) : ContractTest(factory)
{
    private static KnowledgeArticle Article(string title, string body, params string[] tags) => new(0, title, body, tags, default);

    [Fact]
    public async Task Search_matches_stemmed_words_in_title_body_and_tags_best_first()
    {
        var t = Tenants.New("kb");
        var reset = await Store.Knowledge.SaveAsync(t, Article("Resetting a voicemail PIN", "Dial *98, choose option 4 and enter the new PIN twice.", "voicemail"));
        var billing = await Store.Knowledge.SaveAsync(t, Article("Why was I billed twice?", "Duplicate charges are refunded within 5 days. Mention the PIN of your voicemail only to verified staff.", "billing"));
        await Store.Knowledge.SaveAsync(t, Article("Opening hours", "We are open Monday to Friday.", "general"));

        var hits = await Store.Knowledge.SearchAsync(t, "voicemail pins");
        Assert.Equal([reset, billing], hits.Select(h => h.Article.Id));
        Assert.True(hits[0].Rank > hits[1].Rank);
        Assert.Equal([billing], (await Store.Knowledge.SearchAsync(t, "billing refund")).Select(h => h.Article.Id));
        Assert.Equal([billing], (await Store.Knowledge.SearchAsync(t, "charged twice duplicate")).Select(h => h.Article.Id));
        Assert.Empty(await Store.Knowledge.SearchAsync(t, "mortgage"));
        Assert.Equal("voicemail", (await Store.Knowledge.GetAsync(t, reset))!.Tags.Single());
    }

    [Fact]
    public async Task Query_syntax_characters_are_plain_text()
    {
        var t = Tenants.New("kb-syntax");
        var id = await Store.Knowledge.SaveAsync(t, Article("Transfer a call", "Press R then the extension."));
        foreach (var query in new[] { "\"transfer", "transfer AND (call", "call*", "NOT transfer:", "-call", "transfer & | ! :" })
        {
            var hits = await Store.Knowledge.SearchAsync(t, query);
            Assert.All(hits, h => Assert.Equal(id, h.Article.Id));
        }

        Assert.Empty(await Store.Knowledge.SearchAsync(t, "\"\" () *"));
    }

    [Fact]
    public async Task Updates_reindex_and_deletes_remove_from_the_index()
    {
        var t = Tenants.New("kb-update");
        var id = await Store.Knowledge.SaveAsync(t, Article("Router reboot", "Unplug the router for ten seconds."));
        Clock.Advance(TimeSpan.FromHours(1));
        await Store.Knowledge.SaveAsync(t, Article("Modem restart", "Hold the power button.") with { Id = id });
        Assert.Empty(await Store.Knowledge.SearchAsync(t, "router"));
        var hit = Assert.Single(await Store.Knowledge.SearchAsync(t, "modem"));
        Assert.Equal(Clock.GetUtcNow(), hit.Article.UpdatedAt);
        Assert.True(await Store.Knowledge.DeleteAsync(t, id));
        Assert.Empty(await Store.Knowledge.SearchAsync(t, "modem"));
        Assert.Null(await Store.Knowledge.GetAsync(t, id));
        await Assert.ThrowsAsync<CrmNotFoundException>(() => Store.Knowledge.SaveAsync(t, Article("x", "y") with { Id = id }));
        await Assert.ThrowsAsync<CrmValidationException>(() => Store.Knowledge.SaveAsync(t, Article("", "y")));
    }

    [Fact]
    public async Task No_knowledge_call_reaches_another_tenants_articles()
    {
        var a = Tenants.New("kb-a");
        var b = Tenants.New("kb-b");
        var id = await Store.Knowledge.SaveAsync(a, Article("Secret escalation path", "Call the duty manager."));
        Assert.Empty(await Store.Knowledge.SearchAsync(b, "escalation"));
        Assert.Null(await Store.Knowledge.GetAsync(b, id));
        Assert.False(await Store.Knowledge.DeleteAsync(b, id));
        await Assert.ThrowsAsync<CrmNotFoundException>(() => Store.Knowledge.SaveAsync(b, Article("Hijack", "x") with { Id = id }));
        Assert.Single(await Store.Knowledge.SearchAsync(a, "escalation"));
    }
}
