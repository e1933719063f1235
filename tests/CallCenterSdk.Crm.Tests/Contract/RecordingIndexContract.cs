using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Recordings;
using CallCenterSdk.Crm.Tests.Support;

namespace CallCenterSdk.Crm.Tests.Contract;

public abstract class RecordingIndexContract(IStoreFactory factory) : ContractTest(factory)
{
    private Recording Rec(string id, string agent = "alice", int retainDays = 30, int minute = 0)
    {
        var start = Clock.GetUtcNow().AddMinutes(minute);
        return new Recording(id, "call-" + id, agent, "sales", "+49301234567", start, 95, "wav/pcm16/8000/2", $"/var/rec/{id}.wav", 1_520_044, start.AddDays(retainDays));
    }

    [Fact]
    public async Task Listening_and_exporting_are_checked_and_every_attempt_is_audited()
    {
        var t = Tenants.New("rec");
        await Store.Recordings.AddAsync(t, Rec("r1", agent: "alice"));

        var heard = await Store.Recordings.OpenAsync(t, "r1", "sue", CrmRole.Supervisor, RecordingAccessKind.Listen);
        Assert.Equal("/var/rec/r1.wav", heard.Location);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var own = await Store.Recordings.OpenAsync(t, "r1", "alice", CrmRole.Agent, RecordingAccessKind.Listen);
        Assert.Equal("+*******4567", own.CallerNumber);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<CrmAccessDeniedException>(() => Store.Recordings.OpenAsync(t, "r1", "bob", CrmRole.Agent, RecordingAccessKind.Listen));
        await Assert.ThrowsAsync<CrmAccessDeniedException>(() => Store.Recordings.OpenAsync(t, "r1", "sue", CrmRole.Supervisor, RecordingAccessKind.Export));
        await Assert.ThrowsAsync<CrmAccessDeniedException>(() => Store.Recordings.OpenAsync(t, "r1", "fred", CrmRole.FieldStaff, RecordingAccessKind.Listen));
        await Store.Recordings.OpenAsync(t, "r1", "audit", CrmRole.Auditor, RecordingAccessKind.Export);
        await Assert.ThrowsAsync<CrmNotFoundException>(() => Store.Recordings.OpenAsync(t, "nope", "audit", CrmRole.Auditor, RecordingAccessKind.Listen));

        var log = await Store.Recordings.GetAccessLogAsync(t, "r1");
        Assert.Equal(
            [("sue", RecordingAccessKind.Listen, true), ("alice", RecordingAccessKind.Listen, true), ("bob", RecordingAccessKind.Listen, false),
             ("sue", RecordingAccessKind.Export, false), ("fred", RecordingAccessKind.Listen, false), ("audit", RecordingAccessKind.Export, true)],
            log.Select(a => (a.UserId, a.Kind, a.Granted)));
        Assert.Equal(Clock.GetUtcNow().AddMinutes(-2), log[0].At);
        Assert.Equal(CrmRole.Agent, log[1].Role);
    }

    [Fact]
    public async Task Expired_recordings_are_purged_and_their_audit_is_kept()
    {
        var t = Tenants.New("rec-retention");
        await Store.Recordings.AddAsync(t, Rec("short", retainDays: 7));
        await Store.Recordings.AddAsync(t, Rec("long", retainDays: 90));
        await Store.Recordings.AddAsync(t, Rec("held", retainDays: 7));
        await Store.Recordings.SetRetentionAsync(t, "held", Clock.GetUtcNow().AddYears(5));
        await Store.Recordings.OpenAsync(t, "short", "sue", CrmRole.Supervisor, RecordingAccessKind.Listen);

        Assert.Empty(await Store.Recordings.PurgeExpiredAsync(t));
        Clock.Advance(TimeSpan.FromDays(8));
        var purged = await Store.Recordings.PurgeExpiredAsync(t);
        Assert.Equal(["short"], purged.Select(r => r.RecordingId));
        Assert.Equal("/var/rec/short.wav", purged[0].Location);
        var left = await Store.Recordings.SearchAsync(t, new RecordingQuery(Clock.GetUtcNow().AddDays(-30), Clock.GetUtcNow()), PageRequest.First, CrmRole.System);
        Assert.Equal(["long", "held"], left.Items.Select(r => r.RecordingId));
        Assert.Single(await Store.Recordings.GetAccessLogAsync(t, "short"));
        await Assert.ThrowsAsync<CrmNotFoundException>(() => Store.Recordings.SetRetentionAsync(t, "short", Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Search_filters_and_pages_and_duplicates_are_rejected()
    {
        var t = Tenants.New("rec-search");
        for (var i = 0; i < 12; i++)
        {
            await Store.Recordings.AddAsync(t, Rec($"s{i:D2}", agent: i % 3 == 0 ? "bob" : "alice", minute: i));
        }

        await Assert.ThrowsAsync<CrmValidationException>(() => Store.Recordings.AddAsync(t, Rec("s00")));
        await Assert.ThrowsAsync<CrmValidationException>(() => Store.Recordings.AddAsync(t, Rec("bad") with { Location = "" }));
        var from = Clock.GetUtcNow();
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await Store.Recordings.SearchAsync(t, new RecordingQuery(from, from.AddHours(1), Agent: "alice"), new PageRequest(3, token), CrmRole.Agent);
            ids.AddRange(page.Items.Select(r => r.RecordingId));
            Assert.All(page.Items, r => Assert.Equal("+*******4567", r.CallerNumber));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(["s01", "s02", "s04", "s05", "s07", "s08", "s10", "s11"], ids);
        Assert.Equal(["s03"], (await Store.Recordings.SearchAsync(t, new RecordingQuery(from, from.AddHours(1), CallId: "call-s03"), PageRequest.First, CrmRole.System)).Items.Select(r => r.RecordingId));
    }

    [Fact]
    public async Task No_recording_call_reaches_another_tenants_recordings()
    {
        var a = Tenants.New("rec-a");
        var b = Tenants.New("rec-b");
        await Store.Recordings.AddAsync(a, Rec("shared-id", retainDays: 1));
        await Store.Recordings.OpenAsync(a, "shared-id", "sue", CrmRole.Supervisor, RecordingAccessKind.Listen);

        await Assert.ThrowsAsync<CrmNotFoundException>(() => Store.Recordings.OpenAsync(b, "shared-id", "admin", CrmRole.Administrator, RecordingAccessKind.Export));
        Assert.Empty(await Store.Recordings.GetAccessLogAsync(b, "shared-id"));
        Assert.Empty((await Store.Recordings.SearchAsync(b, new RecordingQuery(Clock.GetUtcNow().AddDays(-1), Clock.GetUtcNow().AddDays(1)), PageRequest.First, CrmRole.System)).Items);
        await Assert.ThrowsAsync<CrmNotFoundException>(() => Store.Recordings.SetRetentionAsync(b, "shared-id", Clock.GetUtcNow()));
        Clock.Advance(TimeSpan.FromDays(2));
        Assert.Empty(await Store.Recordings.PurgeExpiredAsync(b));
        // The same id is free in tenant b.
        await Store.Recordings.AddAsync(b, Rec("shared-id"));
        Assert.Single(await Store.Recordings.PurgeExpiredAsync(a));
        Assert.Single(await Store.Recordings.GetAccessLogAsync(a, "shared-id"));
    }
}
