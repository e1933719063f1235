using CallCenterSdk.Crm.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CallCenterSdk.Crm.Tests.Contract;

/// <summary>Base of the contract suite: each derived class binds it to one store implementation.</summary>
/// <remarks>Partial so that a store's test project can attach what all its bindings share (PostgreSQL: its test collection).</remarks>
public abstract partial class ContractTest(IStoreFactory factory) : IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero));

    protected ICrmStore Store { get; private set; } = null!;

    protected IStoreFactory Factory => factory;

    public async Task InitializeAsync() => Store = await factory.CreateAsync(Clock);

    public async Task DisposeAsync() => await Store.DisposeAsync();
}
