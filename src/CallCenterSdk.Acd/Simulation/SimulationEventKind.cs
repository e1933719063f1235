namespace CallCenterSdk.Acd.Simulation;

internal enum SimulationEventKind
{
    Arrival = 0,
    Finish = 1,
    Abandon = 2,
    Accept = 3,
    ShiftStart = 4,
    ShiftEnd = 5,
}
