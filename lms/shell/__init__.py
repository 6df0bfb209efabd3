"""The site shell: home page, navigation, language switching, system checks and platform tasks."""
