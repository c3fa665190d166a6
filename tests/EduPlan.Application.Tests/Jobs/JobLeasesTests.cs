using EduPlan.Application.Jobs;
using EduPlan.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EduPlan.Application.Tests.Jobs;

/// <summary>Leases in the database: one holder at a time, expiry for a holder that died, a timed job once per period.</summary>
public sealed class JobLeasesTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 9, 10, 2, 0, 0, TimeSpan.Zero));
    private TestDatabase database = null!;

    // Several instances at once: on SQLite a file, as two processes would share it.
    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(concurrent: true);

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_held_lease_is_refused_to_others_until_it_is_released()
    {
        var first = await TryAcquireAsync("reminders", TimeSpan.FromMinutes(5));
        var second = await TryAcquireAsync("reminders", TimeSpan.FromMinutes(5));

        first.Should().NotBeNull();
        second.Should().BeNull("the first holder still has it");
        (await TryAcquireAsync("readmodel", TimeSpan.FromMinutes(5))).Should().NotBeNull("another name is another lease");

        await UseAsync(leases => leases.ReleaseAsync(first!, completed: false));
        (await TryAcquireAsync("reminders", TimeSpan.FromMinutes(5))).Should().NotBeNull();
    }

    [Fact]
    public async Task A_lease_whose_holder_died_expires_and_the_late_holder_can_neither_renew_nor_release_it()
    {
        var dead = await TryAcquireAsync("reminders", TimeSpan.FromMinutes(5));
        clock.Advance(TimeSpan.FromMinutes(4));
        (await TryAcquireAsync("reminders", TimeSpan.FromMinutes(5))).Should().BeNull();

        clock.Advance(TimeSpan.FromMinutes(2));
        var next = await TryAcquireAsync("reminders", TimeSpan.FromMinutes(5));

        next.Should().NotBeNull("past LockedUntil the lease is free whether or not it was released");
        (await UseAsync(leases => leases.RenewAsync(dead!, TimeSpan.FromMinutes(5)))).Should().BeFalse();
        await UseAsync(leases => leases.ReleaseAsync(dead!, completed: true));
        (await TryAcquireAsync("reminders", TimeSpan.FromMinutes(5))).Should().BeNull("the late release freed nothing");
        (await UseAsync(leases => leases.RenewAsync(next!, TimeSpan.FromMinutes(5)))).Should().BeTrue();
    }

    [Fact]
    public async Task A_job_done_within_its_period_is_not_due_again_until_the_period_has_passed()
    {
        var period = TimeSpan.FromHours(1);
        var run = await TryAcquireAsync("reminders", TimeSpan.FromMinutes(5), period);
        await UseAsync(leases => leases.ReleaseAsync(run!, completed: true));

        clock.Advance(TimeSpan.FromMinutes(59));
        (await TryAcquireAsync("reminders", TimeSpan.FromMinutes(5), period)).Should().BeNull();

        clock.Advance(TimeSpan.FromMinutes(1));
        (await TryAcquireAsync("reminders", TimeSpan.FromMinutes(5), period)).Should().NotBeNull();
    }

    [Fact]
    public async Task A_failed_run_is_not_recorded_as_done_so_it_is_due_again_at_once()
    {
        var period = TimeSpan.FromHours(1);
        var run = await TryAcquireAsync("reminders", TimeSpan.FromMinutes(5), period);
        await UseAsync(leases => leases.ReleaseAsync(run!, completed: false));

        (await TryAcquireAsync("reminders", TimeSpan.FromMinutes(5), period)).Should().NotBeNull();
    }

    [Fact]
    public async Task Of_eight_instances_asking_at_the_same_moment_exactly_one_gets_the_lease()
    {
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await TryAcquireAsync("readmodel", TimeSpan.FromMinutes(5));
        })).ToList();

        start.Set();
        var results = await Task.WhenAll(attempts);

        results.Count(r => r is not null).Should().Be(1);
    }

    [Fact]
    public async Task Two_instances_checking_their_timed_jobs_together_run_each_job_once_per_period()
    {
        var counter = new RunCounter();
        await using var first = Instance(counter);
        await using var second = Instance(counter);

        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(
                first.GetRequiredService<TimedJobRunner>().RunDueJobsAsync(CancellationToken.None),
                second.GetRequiredService<TimedJobRunner>().RunDueJobsAsync(CancellationToken.None));
        }

        counter.Runs.Should().Be(1);
        clock.Advance(CountingJob.Period);
        await Task.WhenAll(
            first.GetRequiredService<TimedJobRunner>().RunDueJobsAsync(CancellationToken.None),
            second.GetRequiredService<TimedJobRunner>().RunDueJobsAsync(CancellationToken.None));
        counter.Runs.Should().Be(2, "a new period, one more run");
    }

    [Fact]
    public async Task A_job_that_fails_is_tried_again_at_the_next_check()
    {
        var counter = new RunCounter { FailuresLeft = 1 };
        await using var instance = Instance(counter);
        var runner = instance.GetRequiredService<TimedJobRunner>();

        (await runner.RunDueJobsAsync(CancellationToken.None)).Should().BeEmpty();
        (await runner.RunDueJobsAsync(CancellationToken.None)).Should().Equal(CountingJob.JobName);
        (await runner.RunDueJobsAsync(CancellationToken.None)).Should().BeEmpty();
        counter.Runs.Should().Be(2);
    }

    private ServiceProvider Instance(RunCounter counter)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(counter);
        services.AddLogging();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddDbContext<EduPlanDbContext>(options => database.Configure(options));
        services.AddScoped<JobLeases>();
        services.AddSingleton<TimedJobRunner>();
        services.AddScoped<ITimedJob, CountingJob>();
        return services.BuildServiceProvider();
    }

    private Task<HeldLease?> TryAcquireAsync(string name, TimeSpan duration, TimeSpan? oncePer = null) =>
        UseAsync(leases => leases.TryAcquireAsync(name, duration, oncePer));

    private async Task<T> UseAsync<T>(Func<JobLeases, Task<T>> work)
    {
        await using var db = database.CreateContext();
        return await work(new JobLeases(db, clock));
    }

    private async Task UseAsync(Func<JobLeases, Task> work)
    {
        await using var db = database.CreateContext();
        await work(new JobLeases(db, clock));
    }

    private sealed class RunCounter
    {
        private int runs;

        public int Runs => Volatile.Read(ref runs);

        public int FailuresLeft { get; set; }

        public void Add() => Interlocked.Increment(ref runs);
    }

    private sealed class CountingJob(RunCounter counter) : ITimedJob
    {
        public const string JobName = "counting";
        public static readonly TimeSpan Period = TimeSpan.FromHours(1);

        public string Name => JobName;

        public TimeSpan Interval => Period;

        public TimeSpan Timeout => TimeSpan.FromMinutes(5);

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            counter.Add();
            // Long enough that the other instance checks while this one holds the lease.
            await Task.Delay(50, cancellationToken);
            if (counter.FailuresLeft > 0)
            {
                counter.FailuresLeft--;
                throw new InvalidOperationException("the mail server did not answer");
            }
        }
    }
}
