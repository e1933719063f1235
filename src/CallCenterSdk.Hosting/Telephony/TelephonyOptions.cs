using CallCenterSdk.Ivr.CallerLists;

namespace CallCenterSdk.Hosting.Telephony;

/// <summary>
/// How the center handles calls (the <c>CallCenter:Telephony</c> section): RTP addresses and ports, codecs,
/// recordings, agent ringing, prompts and caller lists.
/// </summary>
public sealed class TelephonyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "CallCenter:Telephony";

    /// <summary>The address RTP binds to and SDP advertises. Default 127.0.0.1.</summary>
    public string MediaAddress { get; set; } = "127.0.0.1";

    /// <summary>First RTP port (even). 0 for ephemeral ports.</summary>
    public int RtpPortFirst { get; set; } = 20000;

    /// <summary>Last RTP port.</summary>
    public int RtpPortLast { get; set; } = 29999;

    /// <summary>Codecs offered and accepted, in order (PCMU, PCMA, G722; opus when libopus is present).</summary>
    public IList<string> Codecs { get; } = ["PCMU", "PCMA", "G722"];

    /// <summary>Where call recordings (two-channel WAV) go; relative to the content root. Default data/recordings.</summary>
    public string RecordingsPath { get; set; } = "data/recordings";

    /// <summary>Record every call answered by an agent. Default true.</summary>
    public bool RecordCalls { get; set; } = true;

    /// <summary>Days a recording is kept. Default 90.</summary>
    public int RecordingRetentionDays { get; set; } = 90;

    /// <summary>Where synthesized prompts are cached; relative to the content root. Default data/tts.</summary>
    public string SpeechCachePath { get; set; } = "data/tts";

    /// <summary>Announce the agent to the caller ("You are connected to agent 1001") before bridging. Default true.</summary>
    public bool AnnounceAgent { get; set; } = true;

    /// <summary>The announcement; {agent} and {name} are replaced.</summary>
    public string AgentAnnouncement { get; set; } = "You are now connected to agent {agent}.";

    /// <summary>Seconds an agent's phone rings before the offer counts as missed. Default 20.</summary>
    public int AgentRingSeconds { get; set; } = 20;

    /// <summary>Caller lists (black, white, VIP) per tenant, used by the IVR's caller-list step.</summary>
    public IList<CallerListOptions> CallerLists { get; } = [];
}

/// <summary>One caller list of a tenant.</summary>
public sealed class CallerListOptions
{
    /// <summary>The tenant.</summary>
    public string Tenant { get; set; } = string.Empty;

    /// <summary>The list id the flow's caller-list step names.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The entries.</summary>
    public IList<CallerListEntryOptions> Entries { get; } = [];
}

/// <summary>One number or prefix on a caller list.</summary>
public sealed class CallerListEntryOptions
{
    /// <summary>The number (E.164) or prefix.</summary>
    public string Number { get; set; } = string.Empty;

    /// <summary>True when <see cref="Number"/> is a prefix.</summary>
    public bool Prefix { get; set; }

    /// <summary>Black, White or Vip.</summary>
    public CallerListKind Kind { get; set; } = CallerListKind.Vip;

    /// <summary>For black-listed callers: HangUp, PlayMessage or RouteToExtension.</summary>
    public BlackListAction Action { get; set; } = BlackListAction.HangUp;

    /// <summary>The message played to a black-listed caller.</summary>
    public string? Message { get; set; }

    /// <summary>The extension a black-listed caller is routed to.</summary>
    public string? Extension { get; set; }

    /// <summary>Queue priority boost of a VIP or white-listed caller.</summary>
    public int Priority { get; set; } = 10;

    /// <summary>The agent group a VIP caller goes to.</summary>
    public string? Group { get; set; }

    /// <summary>A label for reports.</summary>
    public string? Label { get; set; }
}
