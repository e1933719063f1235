namespace CallCenterSdk.Ivr.Flow;

/// <summary>The kinds of problem flow validation reports.</summary>
public enum FlowValidationCode
{
    /// <summary>The JSON is not a flow document (syntax, wrong types, missing fields).</summary>
    MalformedDocument,
    /// <summary>The schema version is missing or not supported.</summary>
    UnsupportedSchema,
    /// <summary>A step's <c>type</c> is not a known step.</summary>
    UnknownStepType,
    /// <summary>Two steps share an id.</summary>
    DuplicateNode,
    /// <summary>A branch points to a node that does not exist (or the start node is missing).</summary>
    MissingTarget,
    /// <summary>A node can never be reached from the start.</summary>
    UnreachableNode,
    /// <summary>A cycle of steps none of which waits for caller input: it would spin for ever.</summary>
    LoopWithoutInput,
    /// <summary>An option has an invalid value (a malformed expression, a negative timeout, a bad digit).</summary>
    InvalidOption,
}

/// <summary>One validation problem.</summary>
/// <param name="Code">What kind of problem.</param>
/// <param name="NodeId">The node concerned, or null for the whole flow.</param>
/// <param name="Path">The JSON path (<c>$.nodes[3].options.1</c>) when loaded from JSON, else null.</param>
/// <param name="Message">A sentence a flow author can act on.</param>
public sealed record FlowValidationError(FlowValidationCode Code, string? NodeId, string? Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Code}{(NodeId is null ? "" : $" at node '{NodeId}'")}{(Path is null ? "" : $" ({Path})")}: {Message}";
}
