"""Loads a model folder the way KServe's sklearnserver does (KServe v0.20, python/sklearnserver/sklearnserver/model.py:
exactly one file ending in .joblib, .pkl or .pickle in the folder, read with joblib.load), then predicts two iris rows.

Argument: the folder. Prints {"files": [...], "predictions": [...]} or {"files": [...], "error": "..."}.
The end-to-end tests play KServe's runtime with it: no KServe runs there.
"""

import json
import os
import sys

import joblib
from sklearn.datasets import load_iris

MODEL_EXTENSIONS = (".joblib", ".pkl", ".pickle")


def main() -> None:
    folder = sys.argv[1]
    files = sorted(f for f in os.listdir(folder) if os.path.isfile(os.path.join(folder, f)) and f.endswith(MODEL_EXTENSIONS))
    if len(files) != 1:
        print(json.dumps({"files": files, "error": f"{len(files)} model files (exactly one is loaded)"}))
        return
    model = joblib.load(os.path.join(folder, files[0]))
    x, _ = load_iris(return_X_y=True, as_frame=True)
    print(json.dumps({"files": files, "predictions": [int(p) for p in model.predict(x.head(2))]}))


if __name__ == "__main__":
    main()
