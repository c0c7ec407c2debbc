// A callback-style handler, as in the API Gateway tutorial for the REST non-proxy ("Lambda function")
// integration: the client's JSON body arrives as the event itself, and the returned string becomes the body.
exports.handler = (event, context, callback) => {
  callback(null, 'success lambda api test: ' + event.val01);
};
