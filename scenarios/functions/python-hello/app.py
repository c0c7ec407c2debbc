"""The hello handler of AWS's getting-started guide, in Python: a Lambda proxy integration response."""
import json


def handler(event, context):
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps({"text": "Hello from Lambda!"}),
    }
