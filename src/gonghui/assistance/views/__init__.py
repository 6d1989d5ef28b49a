"""Pages of the assistance work line, one module per part (hardship files, funds, payments,
worker self-service, centres and pairs, employment services, trainings and fairs); the
URLconf routes each module's views."""
