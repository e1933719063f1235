using CallCenterSdk.Acd.Tests.Support;
using static CallCenterSdk.Acd.Tests.Support.AcdHarness;

namespace CallCenterSdk.Acd.Tests.Engine;

public sealed class QueueLogWriterTests
{
    [Fact]
    public void A_call_leaves_an_app_queue_style_audit_trail()
    {
        var h = new AcdHarness();
        var log = new StringWriter();
        h.Engine.Subscribe(new QueueLogWriter(log));
        var q = h.Queue("sales");
        h.Agent("a", In(q));
        var c = h.Engine.Enqueue(new ContactRequest { Queue = q, ExternalId = "call-1" }).Contact;
        h.Wait(12);
        h.Engine.Login(A("a"));
        h.Engine.Accept(A("a"), c);
        h.Wait(90);
        h.Engine.Release(c, "caller");
        var lines = log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "1767600000.000|t1/c1|t1/sales|NONE|ENTERQUEUE||call-1|1",
            "1767600012.000|NONE|NONE|t1/a|ADDMEMBER||12|",
            "1767600012.000|t1/c1|t1/sales|t1/a|CONNECT|12||",
            "1767600102.000|t1/c1|t1/sales|t1/a|COMPLETECALLER|0|90|",
            "1767600102.000|t1/c1|t1/sales|t1/a|WRAPUPEND|0||",
        ], lines);
    }

    [Fact]
    public void A_failing_writer_surfaces_to_the_caller()
    {
        var h = new AcdHarness();
        var q = h.Queue("q");
        var writer = new StringWriter();
        h.Engine.Subscribe(new QueueLogWriter(writer));
        writer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => h.Call(q));
    }
}
