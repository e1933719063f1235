using System.Text.Json;
using CallCenterSdk.Acd.Tests.Support;
using static CallCenterSdk.Acd.Tests.Support.AcdHarness;

namespace CallCenterSdk.Acd.Tests.Engine;

public sealed class SnapshotTests
{
    [Fact]
    public void A_snapshot_survives_json_and_restores_queues_agents_and_contacts()
    {
        var h = new AcdHarness();
        var q = h.Queue("q", configure: d => d with { WrapUp = TimeSpan.FromSeconds(30), MaxWait = TimeSpan.FromMinutes(10), StickyWait = TimeSpan.FromSeconds(20) });
        var fr = S("fr");
        h.Agent("a", [new SkillLevel(fr, 7)], In(q));
        h.Agent("b", In(q));
        h.Agent("c", In(q));
        h.Engine.Login(A("a"));
        h.Engine.Login(A("b"));
        h.Engine.Login(A("c"), NotReadyReasons.Training);
        var talking = h.Call(q, caller: "+1", skills: new SkillRequirement(fr, 5)).Contact;
        h.Engine.Accept(A("a"), talking);
        var wrapping = h.Call(q).Contact;
        h.Engine.Accept(A("b"), wrapping);
        h.Wait(40);
        h.Engine.Release(wrapping);
        h.Wait(10);
        var first = h.Call(q, priority: 1).Contact;
        var second = h.Call(q).Contact;
        h.Wait(5);

        var json = JsonSerializer.Serialize(h.Engine.ExportState());
        var snapshot = JsonSerializer.Deserialize<AcdSnapshot>(json)!;
        var restored = AcdEngine.Restore(snapshot, h.Time, new Random(1));

        Assert.Equal([first, second], restored.GetWaitingContacts(q));
        Assert.Equal(A("a"), restored.GetAgentOf(talking));
        Assert.Equal(AgentState.WrapUp, restored.GetAgentStatus(A("b")).State);
        Assert.Equal("training", restored.GetAgentStatus(A("c")).NotReadyReason);
        Assert.Equal(h.Engine.GetAgentStatus(A("a")).TimeInState, restored.GetAgentStatus(A("a")).TimeInState);
        Assert.Equal(h.Engine.GetQueueStatus(q), restored.GetQueueStatus(q));

        // Time moves on in the restored engine exactly as it would have in the original.
        var events = new List<AcdEvent>();
        restored.Subscribe(new Sink(events));
        h.Time.Advance(TimeSpan.FromSeconds(15));
        restored.Advance();
        Assert.Equal([A("b")], restored.GetOffers(first)); // wrap-up ended at 30 s, the priority contact first
        restored.Release(talking);
        var done = events.Where(e => e.Kind == AcdEventKind.Released).Single();
        Assert.Equal(TimeSpan.FromSeconds(70), done.Talk);
        Assert.True(restored.Enqueue(new ContactRequest { Queue = q }).Contact.Sequence > second.Sequence);
    }

    private sealed class Sink(List<AcdEvent> events) : IAcdEventSink
    {
        public void OnEvent(in AcdEvent acdEvent) => events.Add(acdEvent);
    }
}
