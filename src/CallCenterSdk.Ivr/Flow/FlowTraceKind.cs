namespace CallCenterSdk.Ivr.Flow;

/// <summary>What a trace entry records.</summary>
public enum FlowTraceKind
{
    /// <summary>A node was entered.</summary>
    Enter,
    /// <summary>A prompt started playing.</summary>
    Prompt,
    /// <summary>A key stopped a prompt (barge-in).</summary>
    BargeIn,
    /// <summary>A DTMF digit arrived (detail: digit and transport).</summary>
    Digit,
    /// <summary>A step accepted input (detail: the value).</summary>
    Input,
    /// <summary>The caller gave no input in time.</summary>
    NoInput,
    /// <summary>The caller's input was rejected.</summary>
    InvalidInput,
    /// <summary>A variable was set (detail: name=value).</summary>
    Variable,
    /// <summary>A step chose a branch (detail: why).</summary>
    Branch,
    /// <summary>A step timed out.</summary>
    Timeout,
    /// <summary>Something outside the flow was called (transfer, queue, data source, store).</summary>
    External,
    /// <summary>A sub-flow was entered or left.</summary>
    SubFlow,
    /// <summary>The call ended.</summary>
    HangUp,
    /// <summary>An error stopped the flow.</summary>
    Error,
}
