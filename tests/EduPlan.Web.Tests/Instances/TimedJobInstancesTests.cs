using EduPlan.Application.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Web.Tests.Instances;

/// <summary>A timed job registered in two instances on one database, both checking ten times a second, runs once.</summary>
public sealed class TimedJobInstancesTests
{
    [Fact]
    public async Task Two_instances_checking_every_100_ms_run_an_hourly_job_once()
    {
        var runs = new RunLog();
        var folder = EduPlanWebFactory.NewTempFolder();
        try
        {
            await using var first = new JobInstance(runs, folder);
            first.CreateClient().Dispose();
            await using var second = new JobInstance(runs, folder);
            second.CreateClient().Dispose();

            await Task.Delay(TimeSpan.FromSeconds(3));

            runs.Count.Should().Be(1, "the lease row lets one instance run it, and records the hour as done");
            var lease = await first.WithDbAsync(db => db.JobLeases.AsNoTracking().SingleAsync(l => l.Name == HourlyJob.JobName));
            lease.LastCompletedAt.Should().NotBeNull();
            lease.Holder.Should().BeNull("the run finished and released the lease");
        }
        finally
        {
            EduPlanWebFactory.DeleteFolder(folder);
        }
    }

    private sealed class RunLog
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Add() => Interlocked.Increment(ref count);
    }

    private sealed class HourlyJob(RunLog runs) : ITimedJob
    {
        public const string JobName = "test-hourly";

        public string Name => JobName;

        public TimeSpan Interval => TimeSpan.FromHours(1);

        public TimeSpan Timeout => TimeSpan.FromMinutes(1);

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            runs.Add();
            await Task.Delay(200, cancellationToken);
        }
    }

    private sealed class JobInstance : EduPlanWebFactory
    {
        private readonly RunLog runs;

        public JobInstance(RunLog runs, string folder)
        {
            this.runs = runs;
            Folder = folder;
            Settings["Jobs:CheckSeconds"] = "0.1";
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.AddSingleton(runs);
                services.AddScoped<ITimedJob, HourlyJob>();
            });
        }
    }
}
