namespace CallCenterSdk.Acd.Simulation;

/// <summary>Something the simulated world does at a time: a caller arrives or gives up, an agent answers or hangs up.</summary>
internal readonly record struct SimulationEvent(SimulationEventKind Kind, ContactId Contact, int Agent);
