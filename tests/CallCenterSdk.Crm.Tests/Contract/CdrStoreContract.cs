using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Tests.Support;

namespace CallCenterSdk.Crm.Tests.Contract;

public abstract class CdrStoreContract(IStoreFactory factory) : ContractTest(factory)
{
    private static readonly DateTimeOffset T0 = Cdrs.Day.AddHours(9);

    [Fact]
    public async Task Every_field_round_trips()
    {
        var t = Tenants.New("cdr");
        var cdr = new CallDetailRecord(0, "abc@host", "leg-1", "linked-1", CallDirection.Outbound, "+49301234567", "Erika", "+4940999000",
            T0, T0.AddSeconds(7.25), T0.AddSeconds(130.5), CallDisposition.Answered, 200, 16, "support", "agent-7", 7_249, 12, 30, true,
            "main>support>queue", "rec-1", "opus", 12.5, 1.25, 4.1, 4, new Dictionary<string, string> { ["campaign"] = "spring", ["ticket"] = "42" });
        var id = await Store.Cdrs.AppendAsync(t, cdr);

        var page = await Store.Cdrs.QueryAsync(t, new CdrQuery(T0, T0.AddHours(1)), PageRequest.First, CrmRole.System);
        var read = Assert.Single(page.Items);
        Assert.Equal(id, read.Id);
        Assert.Equal(cdr with { Id = id, Variables = null }, read with { Variables = null });
        Assert.Equal(cdr.Variables, read.Variables);
        Assert.Equal(130, read.DurationSeconds);
        Assert.Equal(123, read.BillableSeconds);
        Assert.Equal((7_249L, 7), (read.QueueWaitMilliseconds, read.QueueWaitSeconds));
    }

    [Fact]
    public async Task Queries_filter_by_number_agent_queue_disposition_call_and_time()
    {
        var t = Tenants.New("cdr-filter");
        await Store.Cdrs.AppendManyAsync(t,
        [
            Cdrs.Answered("a1", T0, 10, 60, queue: "sales", agent: "alice", caller: "+49301111111"),
            Cdrs.Answered("a2", T0.AddMinutes(1), 10, 60, queue: "support", agent: "bob", caller: "+49302222222"),
            Cdrs.Abandoned("a3", T0.AddMinutes(2), 40, queue: "sales", caller: "+49301111111"),
            Cdrs.Answered("a4", T0.AddHours(2), 10, 60, queue: "sales", agent: "alice"),
        ]);
        var hour = new CdrQuery(T0, T0.AddHours(1));

        async Task<string[]> Legs(CdrQuery q) => [.. (await Store.Cdrs.QueryAsync(t, q, PageRequest.First, CrmRole.System)).Items.Select(c => c.LegId)];
        Assert.Equal(["a1", "a2", "a3"], await Legs(hour));
        Assert.Equal(["a1", "a3"], await Legs(hour with { Number = "030 1111111" }));
        Assert.Equal(["a1", "a2", "a3"], await Legs(hour with { Number = "+498001234" }));
        Assert.Equal(["a1"], await Legs(hour with { Agent = "alice" }));
        Assert.Equal(["a1", "a3"], await Legs(hour with { Queue = "sales" }));
        Assert.Equal(["a3"], await Legs(hour with { Disposition = CallDisposition.Abandoned }));
        Assert.Equal(["a2"], await Legs(hour with { CallId = "call-a2" }));
        Assert.Equal(["a1", "a4"], await Legs(new CdrQuery(T0, T0.AddDays(1), Agent: "alice")));
        Assert.Equal(4, await Store.Cdrs.CountAsync(t, T0, T0.AddDays(1)));
    }

    [Fact]
    public async Task Paging_visits_every_record_once_in_start_order_even_with_equal_start_times()
    {
        var t = Tenants.New("cdr-page");
        var batch = Enumerable.Range(0, 57).Select(i => Cdrs.Answered($"p{i:D2}", T0.AddSeconds(i / 3), 5, 30)).ToList();
        await Store.Cdrs.AppendManyAsync(t, batch);

        var legs = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.Cdrs.QueryAsync(t, new CdrQuery(T0, T0.AddHours(1)), new PageRequest(10, token), CrmRole.System);
            legs.AddRange(page.Items.Select(c => c.LegId));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(6, pages);
        Assert.Equal(batch.Select(c => c.LegId), legs);
    }

    [Fact]
    public async Task Agents_read_masked_caller_and_called_numbers()
    {
        var t = Tenants.New("cdr-mask");
        await Store.Cdrs.AppendAsync(t, Cdrs.Answered("m1", T0, 5, 30, caller: "+49301234567"));
        var agentView = (await Store.Cdrs.QueryAsync(t, new CdrQuery(T0, T0.AddHours(1), Number: "+49301234567"), PageRequest.First, CrmRole.Agent)).Items.Single();
        Assert.Equal("+*******4567", agentView.CallerNumber);
        Assert.Equal("+*****1234", agentView.CalledNumber);
        var supervisorView = (await Store.Cdrs.QueryAsync(t, new CdrQuery(T0, T0.AddHours(1)), PageRequest.First, CrmRole.Supervisor)).Items.Single();
        Assert.Equal("+49301234567", supervisorView.CallerNumber);
    }

    [Fact]
    public async Task A_bulk_append_with_one_invalid_record_writes_nothing()
    {
        var t = Tenants.New("cdr-invalid");
        var bad = Cdrs.Answered("bad", T0, 5, 30) with { EndedAt = T0.AddSeconds(-1) };
        var e = await Assert.ThrowsAsync<CrmValidationException>(() => Store.Cdrs.AppendManyAsync(t, [Cdrs.Answered("ok", T0, 5, 30), bad]));
        Assert.Contains("leg bad", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Store.Cdrs.CountAsync(t, T0.AddDays(-1), T0.AddDays(1)));
        await Assert.ThrowsAsync<CrmValidationException>(() => Store.Cdrs.AppendAsync(t, Cdrs.Answered("x", T0, 5, 30) with { AnsweredAt = null }));
        await Assert.ThrowsAsync<CrmValidationException>(() => Store.Cdrs.AppendAsync(t, Cdrs.Answered("", T0, 5, 30) with { LegId = "" }));
        await Assert.ThrowsAsync<CrmValidationException>(() => Store.Cdrs.AppendAsync(t, Cdrs.Answered("y", T0, 5, 30) with { Mos = 7 }));
    }

    [Fact]
    public async Task A_queue_wait_outside_zero_to_the_maximum_is_refused_and_the_maximum_is_kept()
    {
        var t = Tenants.New("cdr-wait");
        var negative = await Assert.ThrowsAsync<CrmValidationException>(() => Store.Cdrs.AppendAsync(t, Cdrs.Abandoned("neg", T0, 5) with { QueueWaitMilliseconds = -1 }));
        Assert.Equal("queueWaitMilliseconds", negative.Field);
        await Assert.ThrowsAsync<CrmValidationException>(() => Store.Cdrs.AppendManyAsync(t,
            [Cdrs.Abandoned("big", T0, 5) with { QueueWaitMilliseconds = CallDetailRecord.MaxQueueWaitMilliseconds + 1 }]));
        Assert.Equal(0, await Store.Cdrs.CountAsync(t, T0.AddDays(-1), T0.AddDays(1)));

        await Store.Cdrs.AppendManyAsync(t, [Cdrs.Abandoned("max", T0, 5) with { QueueWaitMilliseconds = CallDetailRecord.MaxQueueWaitMilliseconds }]);
        var read = Assert.Single((await Store.Cdrs.QueryAsync(t, new CdrQuery(T0, T0.AddHours(1)), PageRequest.First, CrmRole.System)).Items);
        Assert.Equal((CallDetailRecord.MaxQueueWaitMilliseconds, int.MaxValue), (read.QueueWaitMilliseconds, read.QueueWaitSeconds));
    }

    [Fact]
    public async Task Concurrent_appends_are_all_committed_and_acknowledged_with_distinct_ids()
    {
        var t = Tenants.New("cdr-concurrent");
        var tasks = Enumerable.Range(0, 200).Select(i => Store.Cdrs.AppendAsync(t, Cdrs.Answered($"c{i}", T0.AddSeconds(i), 5, 30))).ToArray();
        var ids = await Task.WhenAll(tasks);
        Assert.Equal(200, ids.Distinct().Count());
        Assert.Equal(200, await Store.Cdrs.CountAsync(t, T0, T0.AddHours(1)));
    }

    [Fact]
    public async Task No_cdr_call_reaches_another_tenants_records()
    {
        var a = Tenants.New("cdr-a");
        var b = Tenants.New("cdr-b");
        await Store.Cdrs.AppendAsync(a, Cdrs.Answered("iso", T0, 5, 30));
        Assert.Empty((await Store.Cdrs.QueryAsync(b, new CdrQuery(T0, T0.AddHours(1)), PageRequest.First, CrmRole.System)).Items);
        Assert.Empty((await Store.Cdrs.QueryAsync(b, new CdrQuery(T0, T0.AddHours(1), CallId: "call-iso"), PageRequest.First, CrmRole.System)).Items);
        Assert.Equal(0, await Store.Cdrs.CountAsync(b, T0, T0.AddHours(1)));
        Assert.Equal(1, await Store.Cdrs.CountAsync(a, T0, T0.AddHours(1)));
    }
}
