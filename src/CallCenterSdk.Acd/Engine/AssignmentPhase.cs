namespace CallCenterSdk.Acd.Engine;

internal enum AssignmentPhase
{
    Reserved = 0,
    Connected = 1,
    WrapUp = 2,
}
