# The live check's scoring script: no model, no dependency beyond the inference image's own
# azureml-inference-server-http (init() once, run() per request). It answers {"score": [sum of
# each row]}, so the check knows the answer it expects.
import json


def init():
    pass


def run(raw_data):
    rows = json.loads(raw_data)["data"]
    return {"score": [sum(row) for row in rows]}
