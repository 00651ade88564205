using HepBot.Core.Exercises;
using HepBot.Core.Prescriptions;

namespace HepBot.Core.Tests.Prescriptions;

public sealed class PrescriptionDiffTests
{
    private static readonly Guid QuadSet = Guid.NewGuid();
    private static readonly Guid HeelSlide = Guid.NewGuid();
    private static readonly Guid Bridge = Guid.NewGuid();
    private static readonly ExerciseDose TenTimesThree = new(3, 10, null, 30, Side.Both);

    private static PrescriptionItem Item(Guid exercise, int order, ExerciseDose? dose = null, string? notes = null, int? maxReps = null) =>
        new() { ExerciseId = exercise, Order = order, Dose = dose ?? TenTimesThree, Notes = notes, MaxReps = maxReps };

    private static Prescription Version(params PrescriptionItem[] items) => new()
    {
        Schedule = new PrescriptionSchedule(1, TrainingDays.Every, new DateOnly(2026, 3, 2), null), Items = [.. items],
    };

    [Fact]
    public void The_first_version_adds_every_exercise()
    {
        var changes = PrescriptionDiff.Between(null, Version(Item(QuadSet, 1), Item(HeelSlide, 2)));

        Assert.Equal([QuadSet, HeelSlide], changes.Added.Select(i => i.ExerciseId));
        Assert.Empty(changes.Removed);
        Assert.False(changes.ScheduleChanged);
    }

    [Fact]
    public void A_bridge_added_a_heel_slide_removed_and_the_quad_set_raised_to_12_are_each_named()
    {
        var before = Version(Item(QuadSet, 1), Item(HeelSlide, 2));
        var after = Version(Item(QuadSet, 1, TenTimesThree with { Reps = 12 }), Item(Bridge, 2));

        var changes = PrescriptionDiff.Between(before, after);

        Assert.Equal(Bridge, Assert.Single(changes.Added).ExerciseId);
        Assert.Equal(HeelSlide, Assert.Single(changes.Removed).ExerciseId);
        var dose = Assert.Single(changes.DoseChanges);
        Assert.Equal((10, 12), (dose.Before.Dose.Reps, dose.After.Dose.Reps));
        Assert.True(dose.DoseDiffers);
        Assert.False(dose.LimitsDiffer);
        Assert.False(changes.OrderChanged);
    }

    [Fact]
    public void Swapping_two_exercises_is_an_order_change_and_nothing_else()
    {
        var changes = PrescriptionDiff.Between(Version(Item(QuadSet, 1), Item(HeelSlide, 2)), Version(Item(HeelSlide, 1), Item(QuadSet, 2)));

        Assert.True(changes.OrderChanged);
        Assert.Empty(changes.Added);
        Assert.Empty(changes.Removed);
        Assert.Empty(changes.DoseChanges);
        Assert.False(changes.None);
    }

    [Fact]
    public void The_same_program_saved_again_changes_nothing()
    {
        var changes = PrescriptionDiff.Between(Version(Item(QuadSet, 1, notes: "Slowly")), Version(Item(QuadSet, 1, notes: "Slowly")));

        Assert.True(changes.None);
    }

    [Fact]
    public void A_new_limit_a_note_and_a_later_start_are_changes()
    {
        var before = Version(Item(QuadSet, 1));
        var after = Version(Item(QuadSet, 1, notes: "Keep the knee straight", maxReps: 15));
        after.Schedule = after.Schedule with { StartDate = new DateOnly(2026, 3, 9) };

        var changes = PrescriptionDiff.Between(before, after);

        Assert.True(Assert.Single(changes.DoseChanges).LimitsDiffer);
        Assert.Single(changes.NoteChanges);
        Assert.True(changes.ScheduleChanged);
    }

    [Fact]
    public void An_exercise_held_twice_and_then_once_is_one_removal()
    {
        var changes = PrescriptionDiff.Between(Version(Item(QuadSet, 1), Item(QuadSet, 2)), Version(Item(QuadSet, 1)));

        Assert.Single(changes.Removed);
        Assert.Empty(changes.Added);
    }

    [Fact]
    public void A_session_of_two_three_by_ten_exercises_takes_about_six_minutes()
    {
        // Each: 3 × 10 × 4 s + 2 rests of 30 s = 180 s.
        Assert.Equal(6, SessionLength.Minutes([TenTimesThree, TenTimesThree]));
        Assert.Equal(3, SessionLength.Minutes([TenTimesThree]));
        Assert.Equal(0, SessionLength.Minutes([]));
    }
}
