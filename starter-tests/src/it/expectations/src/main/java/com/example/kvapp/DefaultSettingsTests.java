package com.example.kvapp;

/**
 * {@link StarterExpectations} with the application's defaults.
 *
 * @author kvconnector-stats
 */
class DefaultSettingsTests extends StarterExpectations {

}
