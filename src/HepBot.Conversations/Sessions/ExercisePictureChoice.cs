using HepBot.Core.Exercises;
using HepBot.Pictures;

namespace HepBot.Conversations.Sessions;

/// <summary>
/// An exercise's picture wherever it is shown (chat, web app, printed program): a library exercise's from the pose file,
/// a clinic's own exercise's from the pose data it was given (and, for either, the clinic's own media by slug first).
/// </summary>
public static class ExercisePictureChoice
{
    /// <summary>The pose data a clinic's own exercise was given; null for a library exercise or one given none.</summary>
    public static ExercisePoses? OwnPoses(this ExercisePictures pictures, Exercise exercise) =>
        exercise.ClinicId is null ? null : pictures.OwnPoses(exercise.Id, exercise.Poses);

    public static bool Has(this ExercisePictures pictures, Exercise exercise) => pictures.Has(exercise.Slug, pictures.OwnPoses(exercise));

    public static PictureFile? Still(this ExercisePictures pictures, Exercise exercise, BodySide side) =>
        pictures.Still(exercise.Slug, side, pictures.OwnPoses(exercise));

    public static PictureFile? Animation(this ExercisePictures pictures, Exercise exercise, BodySide side) =>
        pictures.Animation(exercise.Slug, side, pictures.OwnPoses(exercise));

    /// <summary>The still's address on HepBot: by slug for the library, by id for a clinic's own exercise drawn from its own pose data.</summary>
    public static string StillPath(this ExercisePictures pictures, Exercise exercise, BodySide side) =>
        pictures.OwnPoses(exercise) is null ? ExercisePictureUrls.StillPath(exercise.Slug, side) : ExercisePictureUrls.OwnStillPath(exercise.Id, side);
}
