using CallCenterSdk.Acd.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CallCenterSdk.Acd.Tests.Hosting;

public sealed class SynchronizedAcdTests
{
    private static readonly TenantId T = new("t1");
    private static readonly QueueId Q = new(T, "q");
    private static readonly AgentId A = new(T, "a");

    private sealed class CallbackSink(SynchronizedAcd acd, List<AcdEvent> seen) : IAcdEventSink
    {
        public void OnEvent(in AcdEvent acdEvent)
        {
            seen.Add(acdEvent);
            if (acdEvent.Kind == AcdEventKind.Reserved)
            {
                // Calling back in from a subscriber must not deadlock: events come outside the lock.
                var contact = acdEvent.Contact!.Value;
                acd.Execute(e => e.Accept(A, contact));
            }
        }
    }

    [Fact]
    public void Timers_fire_on_the_clock_and_subscribers_may_call_back_in()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        var engine = new AcdEngine(time, new Random(1));
        engine.DefineQueue(new QueueDefinition { Id = Q, WrapUp = TimeSpan.FromSeconds(30) });
        engine.DefineAgent(new AgentDefinition { Id = A, Queues = [new QueueMembership { Queue = Q }] });
        using var acd = new SynchronizedAcd(engine, time);
        var seen = new List<AcdEvent>();
        acd.Subscribe(new CallbackSink(acd, seen));
        acd.Execute(e => e.Login(A));
        var contact = acd.Execute(e => e.Enqueue(new ContactRequest { Queue = Q })).Contact;
        Assert.Equal(A, acd.Execute(e => e.GetAgentOf(contact)));
        acd.Execute(e => e.Release(contact));
        Assert.Equal(AgentState.WrapUp, acd.Execute(e => e.GetAgentStatus(A).State));
        time.Advance(TimeSpan.FromSeconds(30)); // the shell's timer runs Advance: wrap-up ends
        Assert.Equal(AgentState.Available, acd.Execute(e => e.GetAgentStatus(A).State));
        Assert.Contains(seen, e => e.Kind == AcdEventKind.Completed);
        var kinds = seen.Where(e => e.Kind != AcdEventKind.AgentStateChanged).Select(e => e.Kind).ToArray();
        Assert.Equal([AcdEventKind.Queued, AcdEventKind.Reserved, AcdEventKind.Accepted, AcdEventKind.Answered, AcdEventKind.Released, AcdEventKind.Completed], kinds);
    }

    [Fact]
    public void Calls_from_many_threads_keep_the_engine_consistent()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        var engine = new AcdEngine(time, new Random(1));
        engine.DefineQueue(new QueueDefinition { Id = Q });
        using var acd = new SynchronizedAcd(engine, time);
        Parallel.For(0, 400, _ => acd.Execute(e => e.Enqueue(new ContactRequest { Queue = Q })));
        Assert.Equal(400, acd.Execute(e => e.GetQueueStatus(Q).Waiting));
        acd.Dispose();
        Assert.Throws<ObjectDisposedException>(() => acd.Execute(e => e.GetQueueStatus(Q)));
    }
}
