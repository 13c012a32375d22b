"""Factories of the calls app's newer models (questions and answers)."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from ..factories import CallFactory, SubmissionFactory


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = "calls.Question"

    call = factory.SubFactory(CallFactory)
    kind = "short"
    label_fr = factory.Sequence(lambda n: f"Question {n}")
    position = factory.Sequence(lambda n: n)


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = "calls.Answer"

    question = factory.SubFactory(QuestionFactory)
    submission = factory.LazyAttribute(lambda a: SubmissionFactory(call=a.question.call))
    value = "Une réponse"
