// ToneProbe and the other shared test support live in CallCenterSdk.Testing.
global using CallCenterSdk.Testing;
