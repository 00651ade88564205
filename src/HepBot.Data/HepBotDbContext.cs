using HepBot.Core.Alerts;
using HepBot.Core.Audit;
using HepBot.Core.Clinics;
using HepBot.Core.Exercises;
using HepBot.Core.Linking;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;
using HepBot.Data.BotState;
using HepBot.Data.Deliveries;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Data;

/// <summary>
/// The HepBot database. One model for every provider; each provider has its own subclass only so
/// that it can own its own migration set (see <see cref="DatabaseProvider"/>).
/// </summary>
public abstract class HepBotDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Clinic> Clinics => Set<Clinic>();
    public DbSet<Therapist> Therapists => Set<Therapist>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<PatientMessage> PatientMessages => Set<PatientMessage>();
    public DbSet<Exercise> Exercises => Set<Exercise>();
    public DbSet<Prescription> Prescriptions => Set<Prescription>();
    public DbSet<PrescriptionItem> PrescriptionItems => Set<PrescriptionItem>();
    public DbSet<SessionLog> SessionLogs => Set<SessionLog>();
    public DbSet<ExerciseLog> ExerciseLogs => Set<ExerciseLog>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<ChannelAccount> ChannelAccounts => Set<ChannelAccount>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<AlertDelivery> AlertDeliveries => Set<AlertDelivery>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<BotStateEntry> BotState => Set<BotStateEntry>();
    public DbSet<SeenDelivery> SeenDeliveries => Set<SeenDelivery>();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CountPatientChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        CountPatientChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    // Every path that changes a patient (API, chat, jobs) raises the version, so an ETag taken before is stale.
    private void CountPatientChanges()
    {
        foreach (var entry in ChangeTracker.Entries<Patient>())
        {
            if (entry.State == EntityState.Modified)
                entry.Entity.Version = entry.Property(p => p.Version).OriginalValue + 1;
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HepBotDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL, and safe when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
