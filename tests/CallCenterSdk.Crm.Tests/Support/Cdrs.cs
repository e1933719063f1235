using CallCenterSdk.Crm.Cdr;

namespace CallCenterSdk.Crm.Tests.Support;

/// <summary>Builds CDRs for tests.</summary>
public static class Cdrs
{
    public static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    public static CallDetailRecord Answered(string leg, DateTimeOffset start, int waitS, int talkS, string queue = "sales", string agent = "alice",
        int holdS = 0, int wrapS = 0, string caller = "+4930123456", bool transferred = false, int? survey = null) =>
        new(0, "call-" + leg, leg, "link-" + leg, CallDirection.Inbound, caller, "Caller " + leg, "+498001234", start, start.AddSeconds(waitS),
            start.AddSeconds(waitS + talkS), CallDisposition.Answered, 200, 16, queue, agent, waitS * 1000L, holdS, wrapS, transferred,
            "main>" + queue, null, "PCMU", 4.5, 0.2, 4.3, survey);

    public static CallDetailRecord Abandoned(string leg, DateTimeOffset start, int waitS, string queue = "sales", string caller = "+4930999888") =>
        new(0, "call-" + leg, leg, null, CallDirection.Inbound, caller, null, "+498001234", start, null, start.AddSeconds(waitS),
            CallDisposition.Abandoned, 487, 16, queue, null, waitS * 1000L);
}
