"""Pages of the assistance work line, one module per part (centres and pairs, employment
services, trainings and fairs); the URLconf routes each module's views."""
