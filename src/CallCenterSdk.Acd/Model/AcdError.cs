namespace CallCenterSdk.Acd;

/// <summary>Why an ACD operation was refused.</summary>
public enum AcdError
{
    /// <summary>Not an error.</summary>
    None = 0,

    /// <summary>The agent id is not defined.</summary>
    UnknownAgent = 1,

    /// <summary>The queue id is not defined.</summary>
    UnknownQueue = 2,

    /// <summary>The contact id is unknown or already finished.</summary>
    UnknownContact = 3,

    /// <summary>The requested state change is not allowed from the current state.</summary>
    IllegalTransition = 4,

    /// <summary>The definition is invalid (bad level, duplicate id, mismatched tenant, ...).</summary>
    InvalidDefinition = 5,

    /// <summary>The contact was already answered by someone else.</summary>
    AlreadyAnswered = 6,
}
