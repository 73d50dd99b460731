CREATE DATABASE reflections OWNER reflectie;
