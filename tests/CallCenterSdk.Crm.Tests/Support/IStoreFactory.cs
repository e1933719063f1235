using CallCenterSdk.Crm;
using Microsoft.Extensions.Time.Testing;

namespace CallCenterSdk.Crm.Tests.Support;

/// <summary>Creates a migrated store on a fresh or shared database for one test.</summary>
public interface IStoreFactory
{
    string Name { get; }

    Task<ICrmStore> CreateAsync(FakeTimeProvider clock);
}
