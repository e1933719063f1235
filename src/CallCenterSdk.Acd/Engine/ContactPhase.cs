namespace CallCenterSdk.Acd.Engine;

internal enum ContactPhase
{
    Waiting = 0,
    Offering = 1,
    Connected = 2,
    Done = 3,
}
