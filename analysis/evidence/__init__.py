"""Evidence: hand-coded gold files, agreement between coders, and each measure scored against the gold."""

from __future__ import annotations

from analysis.evidence.actors import mention_errors, read_mention_gold, score_mentions, validate_mentions
from analysis.evidence.agreement import (
    LEVELS,
    agreement_table,
    cohen_kappa,
    krippendorff_alpha,
    pair_codings,
    percent_agreement,
)
from analysis.evidence.codings import read_codings
from analysis.evidence.frame_validation import (
    READERS,
    HitCheck,
    SentenceCheck,
    check_hits,
    check_sentences,
    validate_hits,
    validate_sentences,
)
from analysis.evidence.framing import (
    balance_check,
    coded_balance,
    frame_detection,
    frame_precision,
    frame_recall,
    read_frame_hits,
    read_frame_sentences,
)
from analysis.evidence.gold import GOLD_KINDS, gold_path, has_gold, load_gold, load_gold_if_any
from analysis.evidence.sampling import SAMPLE_KINDS, labelling_sample, write_sample
from analysis.evidence.sentiment import (
    TOOLS,
    ReaderAgreement,
    ToneValidation,
    classification_metrics,
    confusion_matrix,
    evaluate,
    gold_predictions,
    read_sentiment_gold,
    reader_agreement,
    tone_validation,
)
from analysis.evidence.versions import MANIFEST, article_hashes, check_versions, gold_ids, read_manifest, stamp_articles

__all__ = [
    "GOLD_KINDS",
    "LEVELS",
    "MANIFEST",
    "READERS",
    "SAMPLE_KINDS",
    "TOOLS",
    "HitCheck",
    "ReaderAgreement",
    "SentenceCheck",
    "ToneValidation",
    "agreement_table",
    "article_hashes",
    "balance_check",
    "check_hits",
    "check_sentences",
    "check_versions",
    "classification_metrics",
    "coded_balance",
    "cohen_kappa",
    "confusion_matrix",
    "evaluate",
    "frame_detection",
    "frame_precision",
    "frame_recall",
    "gold_ids",
    "gold_path",
    "gold_predictions",
    "has_gold",
    "krippendorff_alpha",
    "labelling_sample",
    "load_gold",
    "load_gold_if_any",
    "mention_errors",
    "pair_codings",
    "percent_agreement",
    "read_codings",
    "read_frame_hits",
    "read_frame_sentences",
    "read_manifest",
    "read_mention_gold",
    "read_sentiment_gold",
    "reader_agreement",
    "score_mentions",
    "stamp_articles",
    "tone_validation",
    "validate_hits",
    "validate_mentions",
    "validate_sentences",
    "write_sample",
]
