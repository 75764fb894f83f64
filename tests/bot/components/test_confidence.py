import numpy as np

from bot.components.confidence import confidences, decision_matrix, fit_temperature


def test_confidences_keep_the_svm_ranking_and_sum_to_one() -> None:
    scores = np.array([[0.69, -0.14, -0.96], [-1.0, 0.2, 0.1]])
    for temperature in (0.5, 5.0, 20.0):
        p = confidences(scores, temperature)
        assert np.allclose(p.sum(axis=1), 1.0)
        assert (p.argmax(axis=1) == scores.argmax(axis=1)).all()


def test_two_class_scores_become_two_columns() -> None:
    assert decision_matrix(np.array([0.5, -2.0])).tolist() == [[-0.5, 0.5], [2.0, -2.0]]


def test_temperature_follows_how_often_the_top_score_is_right() -> None:
    rng = np.random.default_rng(0)
    scores = rng.normal(size=(400, 4))
    top = scores.argmax(axis=1)
    always_right = fit_temperature(scores, top)
    often_wrong = fit_temperature(scores, np.where(rng.random(400) < 0.5, top, (top + 1) % 4))
    # Scores that are always right earn sharper confidences than scores that are often wrong.
    assert always_right > often_wrong
