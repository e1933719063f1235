namespace CallCenterSdk.Acd;

/// <summary>Reason codes for <see cref="AgentState.NotReady"/>. Any string works; these are the common ones.</summary>
public static class NotReadyReasons
{
    /// <summary>A short break.</summary>
    public const string Break = "break";

    /// <summary>Lunch.</summary>
    public const string Lunch = "lunch";

    /// <summary>Training or coaching.</summary>
    public const string Training = "training";

    /// <summary>Set by the engine after too many unanswered offers in a row.</summary>
    public const string MaxNoAnswer = "max-no-answer";

    /// <summary>Set by a supervisor.</summary>
    public const string Supervisor = "supervisor";
}
