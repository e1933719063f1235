namespace CallCenterSdk.Hosting.Options;

/// <summary>An agent: skills, queues and the SIP phone that rings for it.</summary>
public sealed class AgentOptions
{
    /// <summary>Agent id, unique in the tenant.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>SIP extension (the user part its phone registers, <c>sip:EXTENSION@domain</c>); unique in the tenant.</summary>
    public string Extension { get; set; } = string.Empty;

    /// <summary>Digest password of the phone (at least 8 characters).</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>Skills: name to proficiency 1 (novice) to 10 (expert).</summary>
    public IDictionary<string, int> Skills { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Ids of the queues the agent serves.</summary>
    public IList<string> Queues { get; } = [];
}
