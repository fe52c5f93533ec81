"""Logs and registers real models in the MLflow at MLFLOW_TRACKING_URI, for the preflight's end-to-end tests.

Argument: a JSON list of {"name": ..., "kind": ...}; kinds:
  sklearn          a scikit-learn LogisticRegression on the iris data, MLflow's default format (skops, model.skops)
  sklearn-pickle   the same, serialization_format="pickle" (model.pkl)
  pyfunc           a mlflow.pyfunc.PythonModel that echoes its input
  no-mlmodel       a run artifact folder holding a text file, registered as a version: not an MLflow model
Prints {"<name>": {"version": "...", "source": "..."}} as JSON on the last line.
"""

import json
import sys

import mlflow
from mlflow import MlflowClient


class Echo(mlflow.pyfunc.PythonModel):
    def predict(self, context, model_input, params=None):
        return model_input


def main() -> None:
    client = MlflowClient()
    out = {}
    for spec in json.loads(sys.argv[1]):
        name, kind = spec["name"], spec["kind"]
        with mlflow.start_run() as run:
            if kind in ("sklearn", "sklearn-pickle"):
                from sklearn.datasets import load_iris
                from sklearn.linear_model import LogisticRegression

                x, y = load_iris(return_X_y=True, as_frame=True)
                model = LogisticRegression(max_iter=200).fit(x, y)
                extra = {"serialization_format": "pickle"} if kind == "sklearn-pickle" else {}
                info = mlflow.sklearn.log_model(model, name="model", input_example=x.head(2), registered_model_name=name, **extra)
                version = info.registered_model_version
            elif kind == "pyfunc":
                info = mlflow.pyfunc.log_model(name="model", python_model=Echo(), registered_model_name=name)
                version = info.registered_model_version
            elif kind == "no-mlmodel":
                mlflow.log_text("not a model", "data/readme.txt")
                try:
                    client.create_registered_model(name)
                except mlflow.exceptions.MlflowException:
                    pass
                version = client.create_model_version(name, source=f"{run.info.artifact_uri}/data", run_id=run.info.run_id).version
            else:
                raise SystemExit(f"unknown kind {kind}")
        mv = client.get_model_version(name, str(version))
        out[name] = {"version": str(mv.version), "source": mv.source}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
