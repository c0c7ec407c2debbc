"""A Lambda proxy integration handler: API Gateway turns the returned dict into the HTTP response."""
import json


def handler(event, context):
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps({"message": "Hello from Python", "path": event.get("path")}),
    }
