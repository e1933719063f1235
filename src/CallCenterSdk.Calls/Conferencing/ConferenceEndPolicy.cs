namespace CallCenterSdk.Calls.Conferencing;

/// <summary>What a <see cref="Conference"/> does when a member leaves (hangs up or is removed).</summary>
public enum ConferenceEndPolicy
{
    /// <summary>Ends when the last member leaves (a meet-me room that closes when empty). The default.</summary>
    WhenEmpty,

    /// <summary>Ends when one member or none is left: nobody talks to themselves (an ad-hoc three-way call).</summary>
    WhenOneLeft,

    /// <summary>Ends when the last moderator leaves (a host-led conference).</summary>
    WhenModeratorLeaves,

    /// <summary>Never ends by itself, even empty; only <see cref="Conference.EndAsync"/> ends it.</summary>
    Never,
}
