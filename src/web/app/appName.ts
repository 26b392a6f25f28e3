export const APP_NAME = "Modelo Regional de Transparencia Municipal";
