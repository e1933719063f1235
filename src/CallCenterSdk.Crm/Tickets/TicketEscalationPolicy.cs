namespace CallCenterSdk.Crm.Tickets;

/// <summary>
/// Escalation levels with deadlines: for each priority, the time after creation at which the
/// ticket reaches level 1, 2, 3... if it is still open. Level 0 means not escalated.
/// </summary>
public sealed class TicketEscalationPolicy
{
    private readonly Dictionary<TicketPriority, TimeSpan[]> _deadlines;

    /// <summary>Creates a policy.</summary>
    /// <param name="deadlines">Per priority, strictly increasing positive offsets from creation, one per level.</param>
    /// <exception cref="ArgumentException">A priority is missing or its deadlines do not increase.</exception>
    public TicketEscalationPolicy(IReadOnlyDictionary<TicketPriority, TimeSpan[]> deadlines)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        _deadlines = [];
        foreach (var priority in Enum.GetValues<TicketPriority>())
        {
            if (!deadlines.TryGetValue(priority, out var levels))
            {
                throw new ArgumentException($"no escalation deadlines for priority {priority}", nameof(deadlines));
            }

            for (var i = 0; i < levels.Length; i++)
            {
                if (levels[i] <= TimeSpan.Zero || (i > 0 && levels[i] <= levels[i - 1]))
                {
                    throw new ArgumentException($"deadlines of {priority} must be positive and strictly increasing", nameof(deadlines));
                }
            }

            _deadlines[priority] = [.. levels];
        }
    }

    /// <summary>The default: urgent 1 h/2 h/4 h, high 4 h/8 h/24 h, normal 8 h/24 h/72 h, low 24 h/72 h/168 h.</summary>
    public static TicketEscalationPolicy Default { get; } = new(new Dictionary<TicketPriority, TimeSpan[]>
    {
        [TicketPriority.Urgent] = [TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4)],
        [TicketPriority.High] = [TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromHours(24)],
        [TicketPriority.Normal] = [TimeSpan.FromHours(8), TimeSpan.FromHours(24), TimeSpan.FromHours(72)],
        [TicketPriority.Low] = [TimeSpan.FromHours(24), TimeSpan.FromHours(72), TimeSpan.FromHours(168)],
    });

    /// <summary>The number of escalation levels for a priority.</summary>
    /// <param name="priority">The priority.</param>
    /// <returns>How many levels exist.</returns>
    public int Levels(TicketPriority priority) => _deadlines[priority].Length;

    /// <summary>The deadline at which a ticket created at <paramref name="createdAt"/> reaches <paramref name="level"/> (1-based), or null past the last level.</summary>
    /// <param name="priority">The priority.</param>
    /// <param name="createdAt">When the ticket was created.</param>
    /// <param name="level">The level (1-based).</param>
    /// <returns>The deadline or null.</returns>
    public DateTimeOffset? DeadlineOf(TicketPriority priority, DateTimeOffset createdAt, int level)
    {
        var levels = _deadlines[priority];
        return level >= 1 && level <= levels.Length ? createdAt + levels[level - 1] : null;
    }

    /// <summary>The level a ticket has reached at <paramref name="now"/> (0 when no deadline has passed).</summary>
    /// <param name="priority">The priority.</param>
    /// <param name="createdAt">When the ticket was created.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The level.</returns>
    public int LevelAt(TicketPriority priority, DateTimeOffset createdAt, DateTimeOffset now)
    {
        var levels = _deadlines[priority];
        var level = 0;
        while (level < levels.Length && createdAt + levels[level] <= now)
        {
            level++;
        }

        return level;
    }
}
