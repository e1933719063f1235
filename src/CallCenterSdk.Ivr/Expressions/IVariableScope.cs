namespace CallCenterSdk.Ivr.Expressions;

/// <summary>Where an expression reads its variables from (a flow session, or a dictionary in tests).</summary>
public interface IVariableScope
{
    /// <summary>Looks up a variable by its full (dotted) name; unknown variables evaluate to null.</summary>
    bool TryGetVariable(string name, out ExpressionValue value);
}
