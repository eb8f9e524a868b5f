package chat.flack.store;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When Flack is undeployed, deregisters the JDBC drivers inside its WAR (H2's and PostgreSQL's
 * register themselves with {@link DriverManager} when loaded): a driver left registered keeps the
 * whole application in memory after an undeploy, and Tomcat warns about it.
 */
@WebListener
public class JdbcDrivers implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(JdbcDrivers.class.getName());

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ClassLoader mine = JdbcDrivers.class.getClassLoader();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == mine) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    LOG.log(Level.WARNING, "Could not deregister the JDBC driver " + driver.getClass().getName(), e);
                }
            }
        }
    }
}
