namespace CallCenterSdk.Acd;

/// <summary>
/// Everything needed to rebuild an engine (serializable with System.Text.Json): definitions, agent
/// states and counters, contacts and the sticky-routing memory. See <see cref="AcdEngine.ExportState"/>
/// and <see cref="AcdEngine.Restore"/>.
/// </summary>
public sealed record AcdSnapshot
{
    /// <summary>When the snapshot was taken.</summary>
    public required DateTimeOffset TakenAt { get; init; }

    /// <summary>Next contact sequence number.</summary>
    public required long NextContactSequence { get; init; }

    /// <summary>Engine options.</summary>
    public required AcdOptions Options { get; init; }

    /// <summary>Queue definitions in definition order.</summary>
    public required IReadOnlyList<QueueDefinition> Queues { get; init; }

    /// <summary>Agent definitions in definition order.</summary>
    public required IReadOnlyList<AgentDefinition> Agents { get; init; }

    /// <summary>Live agent states.</summary>
    public required IReadOnlyList<AgentSnapshot> AgentStates { get; init; }

    /// <summary>Live contacts.</summary>
    public required IReadOnlyList<ContactSnapshot> Contacts { get; init; }

    /// <summary>Sticky-routing memory.</summary>
    public required IReadOnlyList<CallerMemory> LastAgents { get; init; }
}
